using Matchmaking.Core.Matching;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Scheduling;
using Matchmaking.Core.Storage;

namespace Matchmaking.Core.Agendas;

/// <summary>A participant as agendas show them: who they are and, in short, what they offer and need.</summary>
/// <param name="Role">Null for a participant removed since the schedule was made.</param>
public sealed record AgendaPerson(long ParticipantId, string Organization, string? ContactName, ParticipantRole? Role, string? Offers, string? Needs)
{
    internal static AgendaPerson From(StoredParticipant participant) => new(participant.Id, participant.Profile.Organization,
        participant.Profile.ContactName, participant.Profile.Role, AgendaText.Summary(participant.Profile.Offers), AgendaText.Summary(participant.Profile.Needs));

    // A schedule keeps participant ids as they were; someone may have left the event since.
    internal static AgendaPerson Removed(long id) => new(id, $"Participant {id} (no longer registered)", null, null, null, null);
}

/// <summary>A meeting that stands in a schedule version, with both participants and when and where it is.</summary>
/// <param name="Reasons">Why they meet, as the schedule stored it: phrased for <paramref name="ReasonsFor"/>.</param>
public sealed record AgendaMeeting(long MeetingId, int Slot, DateTimeOffset Start, DateTimeOffset End, int Table, AgendaPerson A, AgendaPerson B,
    string Origin, IReadOnlyList<SuggestionReason> Reasons, long ReasonsFor)
{
    /// <summary>The origin of an expert visit (table 0: the experts come to the SME).</summary>
    public const string ExpertVisit = "expert-visit";

    public bool IsVisit => Origin == ExpertVisit;

    public bool Includes(long participantId) => A.ParticipantId == participantId || B.ParticipantId == participantId;

    public AgendaPerson PartnerOf(long participantId) => A.ParticipantId == participantId ? B : A;

    /// <summary>The reason sentences as the given participant reads them ("your need", "their offer").</summary>
    public IReadOnlyList<string> WhyFor(long participantId) => participantId == ReasonsFor
        ? Reasons.Select(r => r.Text).ToList()
        : Reasons.Select(r => SuggestionRanker.ForPartner(r, askerSeeks: true).Text).ToList();

    /// <summary>The same identifier for a pair in every request and schedule version, so calendars update their entry.</summary>
    public string Uid(long eventId) => IsVisit ? $"visit-{eventId}-{MeetingId}@matchmaking" :
        $"meeting-{eventId}-{Math.Min(A.ParticipantId, B.ParticipantId)}-{Math.Max(A.ParticipantId, B.ParticipantId)}@matchmaking";
}

/// <summary>One meeting of a participant's day, from their side.</summary>
public sealed record AgendaItem(AgendaMeeting Meeting, AgendaPerson Partner, IReadOnlyList<string> Why);

/// <summary>A participant's meetings in one schedule version, in slot order.</summary>
public sealed record ParticipantAgenda(AgendaPerson Participant, IReadOnlyList<AgendaItem> Items);

/// <summary>
/// The standing meetings of one schedule version with the event's times and the participants' names: what every agenda
/// (per participant, per table, for the whole event; JSON, CSV, iCalendar, HTML) is made from. Pure.
/// </summary>
public sealed record EventAgenda(long EventId, EventSpec Spec, int Version, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt,
    IReadOnlyList<AgendaMeeting> Meetings, IReadOnlyDictionary<long, AgendaPerson> People)
{
    /// <summary>Cancelled meetings are left out; the rest, and the expert visits, are in slot, then table order.</summary>
    /// <summary>A schedule with no meetings (version 0): the agenda of an event that has only expert visits.</summary>
    public static StoredSchedule NoSchedule(long eventId, DateTimeOffset createdAt) =>
        new(eventId, 0, createdAt, null, new ScheduleSummary(0, 0, 0, 0, 0, 0, 0, 0, null, 0), [], []);

    public static EventAgenda Build(long eventId, EventSpec spec, StoredSchedule schedule, IReadOnlyList<StoredParticipant> participants,
        IReadOnlyList<StoredVisit>? visits = null)
    {
        var slots = SlotPlanner.Plan(spec);
        var people = participants.ToDictionary(p => p.Id, AgendaPerson.From);
        AgendaPerson Person(long id) => people.TryGetValue(id, out var person) ? person : AgendaPerson.Removed(id);
        var meetings = schedule.Meetings
            // A slot past the event's current last one cannot take place (the sessions were shortened after scheduling).
            .Where(m => m.CancelledAt is null && m.Meeting.Slot < slots.Count)
            .Select(m =>
            {
                var (a, b) = (Person(m.Meeting.ParticipantAId), Person(m.Meeting.ParticipantBId));
                var slot = slots[m.Meeting.Slot];
                return new AgendaMeeting(m.Id, slot.Index, slot.Start, slot.End, m.Meeting.Table, a, b, m.Meeting.Origin, m.Meeting.Reasons, ReasonsFor(a, b));
            })
            .Concat((visits ?? []).Where(v => v.Visit.Slot < slots.Count).Select(v =>
            {
                var slot = slots[v.Visit.Slot];
                return new AgendaMeeting(v.Id, slot.Index, slot.Start, slot.End, 0, Person(v.SmeId), Person(v.Visit.ExpertId), AgendaMeeting.ExpertVisit,
                    v.Visit.Reasons, v.SmeId);
            }))
            .OrderBy(m => m.Slot).ThenBy(m => m.Table)
            .ToList();
        return new EventAgenda(eventId, spec, schedule.Version, schedule.CreatedAt, schedule.PublishedAt, meetings, people);
    }

    /// <summary>When the schedule version was fixed: published, or else made.</summary>
    public DateTimeOffset Stamp => PublishedAt ?? CreatedAt;

    /// <summary>The local days the event's meeting slots fall on.</summary>
    public IReadOnlyList<DateOnly> Days { get; } = SlotPlanner.Plan(Spec).Select(s => DateOnly.FromDateTime(s.Start.DateTime)).Distinct().Order().ToList();

    /// <summary>A participant's agenda; null when the event has no such participant.</summary>
    public ParticipantAgenda? For(long participantId) => People.TryGetValue(participantId, out var person)
        ? AgendaOf(person, Meetings.Where(m => m.Includes(participantId)))
        : null;

    /// <summary>The agendas of everyone who has meetings, by organisation, as staff hand them out.</summary>
    public IReadOnlyList<ParticipantAgenda> ForEveryoneMeeting()
    {
        var byPerson = Meetings.SelectMany(m => new[] { (Id: m.A.ParticipantId, Meeting: m), (Id: m.B.ParticipantId, Meeting: m) })
            .ToLookup(x => x.Id, x => x.Meeting);
        return People.Values
            .Where(p => byPerson.Contains(p.ParticipantId))
            .OrderBy(p => p.Organization, StringComparer.InvariantCultureIgnoreCase).ThenBy(p => p.ParticipantId)
            .Select(p => AgendaOf(p, byPerson[p.ParticipantId]))
            .ToList();
    }

    /// <summary>Who sits at a table when, in slot order.</summary>
    public IReadOnlyList<AgendaMeeting> AtTable(int table) => Meetings.Where(m => m.Table == table).ToList();

    private static ParticipantAgenda AgendaOf(AgendaPerson person, IEnumerable<AgendaMeeting> meetings) => new(person,
        meetings.Select(m => new AgendaItem(m, m.PartnerOf(person.ParticipantId), m.WhyFor(person.ParticipantId))).ToList());

    // The planner phrases reasons for the traditional SME of the pair (else for B); a removed participant's role is
    // unknown, but the pair was cross-side, so it was the SME exactly when the other one is not.
    private static long ReasonsFor(AgendaPerson a, AgendaPerson b) =>
        a.Role == ParticipantRole.TraditionalSme || (a.Role is null && b.Role != ParticipantRole.TraditionalSme) ? a.ParticipantId : b.ParticipantId;
}
