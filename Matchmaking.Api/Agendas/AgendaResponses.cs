using Matchmaking.Core.Agendas;
using Matchmaking.Core.Profiles;

namespace Matchmaking.Api.Agendas;

/// <summary>A participant on an agenda; <c>offers</c> and <c>needs</c> are the first sentence of each (shortened).</summary>
public sealed record AgendaPersonResponse(long ParticipantId, string Organization, string? ContactName, string? Role, string? Offers, string? Needs);

/// <summary>One meeting of a participant: start and end carry the event zone's offset; <c>why</c> is phrased for the participant.</summary>
public sealed record AgendaItemResponse(long MeetingId, int Slot, DateTimeOffset Start, DateTimeOffset End, int Table, AgendaPersonResponse Partner,
    string Origin, IReadOnlyList<string> Why);

public sealed record ParticipantAgendaResponse(long EventId, int Version, DateTimeOffset? PublishedAt, string TimeZone, AgendaPersonResponse Participant,
    IReadOnlyList<AgendaItemResponse> Items);

public sealed record TableMeetingResponse(long MeetingId, int Slot, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<AgendaPersonResponse> Participants);

public sealed record TableAgendaResponse(long EventId, int Version, DateTimeOffset? PublishedAt, string TimeZone, int Table, IReadOnlyList<TableMeetingResponse> Items);

public static class AgendaMapping
{
    public static ParticipantAgendaResponse ToResponse(this ParticipantAgenda participant, EventAgenda agenda) =>
        new(agenda.EventId, agenda.Version, agenda.PublishedAt, agenda.Spec.TimeZoneId, participant.Participant.ToResponse(),
            participant.Items.Select(i => new AgendaItemResponse(i.Meeting.MeetingId, i.Meeting.Slot, i.Meeting.Start, i.Meeting.End, i.Meeting.Table,
                i.Partner.ToResponse(), i.Meeting.Origin, i.Why)).ToList());

    public static TableAgendaResponse ToTableResponse(this EventAgenda agenda, int table) =>
        new(agenda.EventId, agenda.Version, agenda.PublishedAt, agenda.Spec.TimeZoneId, table,
            agenda.AtTable(table).Select(m => new TableMeetingResponse(m.MeetingId, m.Slot, m.Start, m.End, [m.A.ToResponse(), m.B.ToResponse()])).ToList());

    private static AgendaPersonResponse ToResponse(this AgendaPerson person) =>
        new(person.ParticipantId, person.Organization, person.ContactName, person.Role?.ToWire(), person.Offers, person.Needs);
}
