"""The .ics invitation of a confirmed meeting (RFC 5545, with the icalendar library).

Stored in UTC, the meeting is written in the site's time zone (Europe/Paris by default) with its VTIMEZONE,
so calendars show the local time both sides agreed on.
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event, vText

from .models import Meeting
from .selectors.partnership import meeting_agenda


def meeting_ics(meeting: Meeting) -> bytes:
    zone = ZoneInfo(settings.TIME_ZONE)
    start = meeting.starts_at.astimezone(zone)
    calendar = Calendar()
    calendar.add("prodid", "-//Partnership readiness//startup x pharma//")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"{meeting.uuid}@partnership-readiness")
    event.add("summary", f"{meeting.title} — {meeting.dossier.startup_name} × {meeting.dossier.pharma.name}")
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=meeting.duration_minutes))
    event.add("dtstamp", meeting.created_at)
    location = meeting.place or meeting.video_link
    if location:
        event.add("location", vText(location))
    if meeting.video_link:
        event.add("url", meeting.video_link)
    attendees = "\n".join(f"- {a['name']} ({a['role']})" for a in meeting.attendees)
    link = settings.SITE_URL.rstrip("/") + reverse("meeting_detail", args=[meeting.uuid])
    event.add("description", f"{attendees}\n\n{meeting_agenda(meeting)}\n\n{link}".strip())
    # Attendees are listed in the description: the app keeps no e-mail address for them, and an ATTENDEE
    # without one would have calendars send invitations nowhere.
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
