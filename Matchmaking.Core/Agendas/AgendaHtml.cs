using System.Globalization;
using System.Net;
using System.Text;

namespace Matchmaking.Core.Agendas;

/// <summary>
/// Printable agendas as self-contained HTML pages: black on white, borders instead of colours, no scripts, fonts or
/// links to fetch (venues are often offline). Every value from a profile is HTML-encoded.
/// </summary>
public static class AgendaHtml
{
    private const string Style =
        """
        @page { margin: 15mm; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: #000; background: #fff; margin: 1.5rem; line-height: 1.35; }
        h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
        p { margin: 0 0 .5rem; }
        table { width: 100%; border-collapse: collapse; margin-top: .75rem; }
        th, td { border: 1px solid #000; padding: .35rem .5rem; text-align: left; vertical-align: top; }
        thead th { border-bottom-width: 3px; }
        .nowrap { white-space: nowrap; }
        ul { margin: 0; padding-left: 1.1rem; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        .agenda { break-after: page; page-break-after: always; }
        .agenda:last-of-type { break-after: auto; page-break-after: auto; }
        @media print { body { margin: 0; font-size: 11pt; } }
        """;

    /// <summary>One participant's agenda.</summary>
    public static string Participant(EventAgenda agenda, ParticipantAgenda participant)
    {
        var html = new StringBuilder();
        WriteAgenda(html, agenda, participant);
        return Document($"Agenda: {participant.Participant.Organization}, {agenda.Spec.Name}", html);
    }

    /// <summary>Everyone's agenda who has meetings, one per printed page, by organisation.</summary>
    public static string Event(EventAgenda agenda)
    {
        var html = new StringBuilder();
        var everyone = agenda.ForEveryoneMeeting();
        if (everyone.Count == 0)
        {
            html.Append("<h1>").Append(E(agenda.Spec.Name)).Append("</h1>\n");
            WriteEventLine(html, agenda);
            html.Append("<p>Nobody has a meeting in this schedule version.</p>\n");
        }
        foreach (var participant in everyone)
        {
            WriteAgenda(html, agenda, participant);
        }
        return Document($"Agendas: {agenda.Spec.Name}", html);
    }

    /// <summary>The sheet for one table: who sits there when.</summary>
    public static string Table(EventAgenda agenda, int table)
    {
        var html = new StringBuilder();
        var meetings = agenda.AtTable(table);
        html.Append("<section class=\"agenda\">\n<h1>Table ").Append(table).Append("</h1>\n");
        WriteEventLine(html, agenda);
        if (meetings.Count == 0)
        {
            html.Append("<p>No meetings at this table.</p>\n");
        }
        else
        {
            html.Append("<table>\n<thead><tr><th scope=\"col\">Time</th><th scope=\"col\">Slot</th><th scope=\"col\">Participant</th><th scope=\"col\">Participant</th></tr></thead>\n<tbody>\n");
            foreach (var meeting in meetings)
            {
                html.Append("<tr><td class=\"nowrap\">").Append(When(agenda, meeting)).Append("</td><td>").Append(meeting.Slot).Append("</td><td>");
                WritePerson(html, meeting.A, withProfile: false);
                html.Append("</td><td>");
                WritePerson(html, meeting.B, withProfile: false);
                html.Append("</td></tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
        }
        html.Append("</section>\n");
        return Document($"Table {table}, {agenda.Spec.Name}", html);
    }

    private static void WriteAgenda(StringBuilder html, EventAgenda agenda, ParticipantAgenda participant)
    {
        var person = participant.Participant;
        html.Append("<section class=\"agenda\">\n<h1>").Append(E(person.Organization)).Append("</h1>\n");
        if (person.ContactName is not null)
        {
            html.Append("<p>").Append(E(person.ContactName)).Append("</p>\n");
        }
        WriteEventLine(html, agenda);
        if (participant.Items.Count == 0)
        {
            html.Append("<p>No meetings in this schedule version.</p>\n</section>\n");
            return;
        }
        html.Append("<table>\n<thead><tr><th scope=\"col\">Time</th><th scope=\"col\">Table</th><th scope=\"col\">Meeting with</th><th scope=\"col\">Why you meet</th></tr></thead>\n<tbody>\n");
        foreach (var item in participant.Items)
        {
            html.Append("<tr><td class=\"nowrap\">").Append(When(agenda, item.Meeting)).Append("</td><td>").Append(item.Meeting.IsVisit ? "Expert visit" : $"Table {item.Meeting.Table}").Append("</td><td>");
            WritePerson(html, item.Partner, withProfile: true);
            html.Append("</td><td><ul>");
            foreach (var why in item.Why)
            {
                html.Append("<li>").Append(E(why)).Append("</li>");
            }
            html.Append("</ul></td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void WriteEventLine(StringBuilder html, EventAgenda agenda)
    {
        html.Append("<p><strong>").Append(E(agenda.Spec.Name)).Append("</strong>, ").Append(E(AgendaText.Days(agenda)))
            .Append(". Times in ").Append(E(agenda.Spec.TimeZoneId)).Append(".</p>\n<p>Schedule version ").Append(agenda.Version);
        html.Append(agenda.PublishedAt is { } published
            ? $", published {published.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.</p>\n"
            : ", not published.</p>\n");
    }

    private static void WritePerson(StringBuilder html, AgendaPerson person, bool withProfile)
    {
        html.Append("<strong>").Append(E(person.Organization)).Append("</strong>");
        if (person.ContactName is not null)
        {
            html.Append("<br>").Append(E(person.ContactName));
        }
        html.Append("<br>").Append(E(AgendaText.RoleName(person.Role)));
        if (withProfile && person.Offers is not null)
        {
            html.Append("<br>Offers: ").Append(E(person.Offers));
        }
        if (withProfile && person.Needs is not null)
        {
            html.Append("<br>Needs: ").Append(E(person.Needs));
        }
    }

    private static string When(EventAgenda agenda, AgendaMeeting meeting)
    {
        var time = $"{AgendaText.Clock(meeting.Start)}–{AgendaText.Clock(meeting.End)}";
        return agenda.Days.Count > 1 ? $"{meeting.Start.ToString("ddd d MMM", CultureInfo.InvariantCulture)} {time}" : time;
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string Document(string title, StringBuilder body) =>
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)}</title>
        <style>
        {Style}
        </style>
        </head>
        <body>
        <main>
        {body}</main>
        </body>
        </html>

        """;
}
