FROM python:3.11-slim-bookworm
# WeasyPrint needs Pango; HarfBuzz-Subset embeds the report's fonts natively (in Python, fontTools took a third of
# a render); fonts for the PDF reports.
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    fonts-dejavu-core fonts-liberation \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml ./
COPY . .
RUN pip install --no-cache-dir . && DJANGO_DEBUG=false DJANGO_SECRET_KEY=build python manage.py collectstatic --noinput
ENV DJANGO_DEBUG=false
# Web and workers run as an unprivileged user (Celery warns against root); the media volume is created owned by
# it, so a fresh named volume is writable; caches (fontconfig's, for WeasyPrint) go to /tmp.
RUN useradd --system --uid 1000 --home /app app && mkdir -p /data/media && chown app /data/media
USER app
ENV XDG_CACHE_HOME=/tmp/cache
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "2"]
