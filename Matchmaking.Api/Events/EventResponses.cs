using Matchmaking.Core.Profiles;
using Matchmaking.Core.Storage;

namespace Matchmaking.Api.Events;

public sealed record EventResponse(
    long Id,
    string Name,
    string Topic,
    string Format,
    string TimeZone,
    IReadOnlyList<SessionResponse> Sessions,
    int MeetingMinutes,
    int PauseMinutes,
    int Tables,
    RulesResponse Rules,
    int SlotCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>Start and end are local date-times in the event's time zone.</summary>
public sealed record SessionResponse(string Name, DateTime Start, DateTime End);

public sealed record RulesResponse(bool CrossSideOnly, int? MinMeetings, int? MaxMeetings);

/// <summary>A slot: start/end with the zone's offset, and the same instants in UTC.</summary>
public sealed record SlotResponse(int Index, string Session, DateTimeOffset Start, DateTimeOffset End, DateTime StartUtc, DateTime EndUtc);

public sealed record ItemsResponse<T>(IReadOnlyList<T> Items);

public static class EventMapping
{
    public static EventResponse ToResponse(this StoredEvent stored)
    {
        var spec = stored.Spec;
        return new EventResponse(
            stored.Id, spec.Name, spec.Topic, spec.Format.ToWire(), spec.TimeZoneId,
            spec.Sessions.Select(s => new SessionResponse(s.Name, s.Start, s.End)).ToList(),
            spec.MeetingMinutes, spec.PauseMinutes, spec.Tables,
            new RulesResponse(spec.Rules.CrossSideOnly, spec.Rules.MinMeetings, spec.Rules.MaxMeetings),
            SlotPlanner.Plan(spec).Count, stored.CreatedAt, stored.UpdatedAt);
    }

    public static SlotResponse ToResponse(this Slot slot) =>
        new(slot.Index, slot.Session, slot.Start, slot.End, slot.Start.UtcDateTime, slot.End.UtcDateTime);
}
