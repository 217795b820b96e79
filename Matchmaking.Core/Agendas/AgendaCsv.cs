using CsvHelper;
using Matchmaking.Core.Profiles;

namespace Matchmaking.Core.Agendas;

/// <summary>Agendas as CSV: RFC 4180, a header of camelCase names, times in ISO 8601 with the event zone's offset.</summary>
public static class AgendaCsv
{
    public static readonly IReadOnlyList<string> ParticipantColumns =
    [
        "slot", "start", "end", "table", "partnerId", "partnerOrganization", "partnerContact", "partnerRole", "partnerOffers", "partnerNeeds", "why",
    ];

    public static readonly IReadOnlyList<string> MeetingColumns =
    [
        "slot", "start", "end", "table", "participantAId", "participantAOrganization", "participantBId", "participantBOrganization", "origin",
    ];

    // Staff open these in spreadsheets: the byte order mark makes Excel read UTF-8 (accents), and text that a
    // spreadsheet would run as a formula (an organisation named "=HYPERLINK(...)") is escaped with a leading quote.
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.Escape };

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:sszzz";

    /// <summary>One row per meeting of the participant, from their side.</summary>
    public static byte[] Participant(ParticipantAgenda agenda) => Write(ParticipantColumns, writer =>
    {
        foreach (var item in agenda.Items)
        {
            WriteWhenAndWhere(writer, item.Meeting);
            writer.WriteField(item.Partner.ParticipantId);
            writer.WriteField(item.Partner.Organization);
            writer.WriteField(item.Partner.ContactName);
            writer.WriteField(item.Partner.Role?.ToWire());
            writer.WriteField(item.Partner.Offers);
            writer.WriteField(item.Partner.Needs);
            writer.WriteField(string.Join(" ", item.Why));
            writer.EndRecord();
        }
    });

    /// <summary>One row per meeting, with both participants: the whole event or one table.</summary>
    public static byte[] Meetings(IEnumerable<AgendaMeeting> meetings) => Write(MeetingColumns, writer =>
    {
        foreach (var meeting in meetings)
        {
            WriteWhenAndWhere(writer, meeting);
            writer.WriteField(meeting.A.ParticipantId);
            writer.WriteField(meeting.A.Organization);
            writer.WriteField(meeting.B.ParticipantId);
            writer.WriteField(meeting.B.Organization);
            writer.WriteField(meeting.Origin);
            writer.EndRecord();
        }
    });

    private static void WriteWhenAndWhere(CsvWriter writer, AgendaMeeting meeting)
    {
        writer.WriteField(meeting.Slot);
        writer.WriteField(meeting.Start, TimeFormat);
        writer.WriteField(meeting.End, TimeFormat);
        writer.WriteField(meeting.Table);
    }

    private static byte[] Write(IReadOnlyList<string> columns, Action<CsvWriter> rows)
    {
        using var output = new MemoryStream();
        using (var writer = CsvWriter.Create(output, Options, leaveOpen: true))
        {
            writer.WriteHeader(columns.ToArray());
            rows(writer);
            writer.Flush();
        }
        return output.ToArray();
    }
}
