"""Shared by the benchmark scripts (bin/bench skips files starting with "_")."""


def create_database(url: str) -> None:
    """Create the PostgreSQL database named at the end of `url` if it does not exist yet."""
    import psycopg2

    name = url.rsplit("/", 1)[1]
    server = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    server.close()
