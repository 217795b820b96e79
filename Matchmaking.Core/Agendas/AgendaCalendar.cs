using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Matchmaking.Core.Agendas;

/// <summary>A participant's agenda as an iCalendar file (RFC 5545): one VEVENT per meeting, in the event's time zone.</summary>
public static class AgendaCalendar
{
    public const string ProductId = "-//Matchmaking//Agendas//EN";

    public static string Write(EventAgenda agenda, ParticipantAgenda participant)
    {
        var zone = agenda.Spec.TimeZone;
        var calendar = new Calendar { ProductId = ProductId, Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", $"{agenda.Spec.Name}: {participant.Participant.Organization}");
        calendar.AddProperty("X-WR-TIMEZONE", agenda.Spec.TimeZoneId);
        if (participant.Items.Count > 0)
        {
            calendar.AddTimeZone(agenda.Spec.TimeZoneId, participant.Items[0].Meeting.Start.DateTime, includeHistoricalData: false);
        }
        var stamp = new CalDateTime(agenda.Stamp.UtcDateTime, CalDateTime.UtcTzId);
        foreach (var item in participant.Items)
        {
            var meeting = item.Meeting;
            calendar.Events.Add(new CalendarEvent
            {
                Uid = meeting.Uid(agenda.EventId),
                // Calendars replace an entry when the sequence grows: a later schedule version moves the meeting.
                Sequence = agenda.Version,
                DtStamp = stamp,
                DtStart = Time(meeting.Start, agenda.Spec.TimeZoneId, zone),
                DtEnd = Time(meeting.End, agenda.Spec.TimeZoneId, zone),
                Summary = meeting.IsVisit ? $"Expert visit: {item.Partner.Organization}" : $"Meeting with {item.Partner.Organization} (table {meeting.Table})",
                Location = meeting.IsVisit ? $"At {meeting.A.Organization}, {agenda.Spec.Name}" : $"Table {meeting.Table}, {agenda.Spec.Name}",
                Description = Description(agenda, item),
                Status = "CONFIRMED",
            });
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>
    /// A local time with the zone's TZID; in UTC where the local time names no single instant (a daylight-saving
    /// fall-back hour happens twice, and RFC 5545 readers take the first while the slot may be the second).
    /// </summary>
    private static CalDateTime Time(DateTimeOffset time, string zoneId, TimeZoneInfo zone) =>
        zone.IsAmbiguousTime(time.DateTime) || zone.IsInvalidTime(time.DateTime)
            ? new CalDateTime(time.UtcDateTime, CalDateTime.UtcTzId)
            : new CalDateTime(time.DateTime, zoneId);

    private static string Description(EventAgenda agenda, AgendaItem item)
    {
        var text = new StringBuilder();
        text.Append("Why you meet:\n");
        foreach (var why in item.Why)
        {
            text.Append("- ").Append(why).Append('\n');
        }
        text.Append('\n').Append(AgendaText.Describe(item.Partner)).Append('\n');
        if (item.Partner.Offers is { } offers)
        {
            text.Append("Offers: ").Append(offers).Append('\n');
        }
        if (item.Partner.Needs is { } needs)
        {
            text.Append("Needs: ").Append(needs).Append('\n');
        }
        text.Append('\n').Append(agenda.Spec.Name).Append(", schedule version ").Append(agenda.Version).Append('.');
        return text.ToString();
    }
}
