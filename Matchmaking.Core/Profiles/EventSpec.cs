namespace Matchmaking.Core.Profiles;

/// <summary>A validated event definition: what an organiser sets up, from which slots are derived.</summary>
public sealed record EventSpec(
    string Name,
    string Topic,
    EventFormat Format,
    string TimeZoneId,
    IReadOnlyList<EventSession> Sessions,
    int MeetingMinutes,
    int PauseMinutes,
    int Tables,
    MeetingRules Rules)
{
    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
}

/// <summary>A block of meetings (e.g. a morning), in the event's local time.</summary>
public sealed record EventSession(string Name, DateTime Start, DateTime End);

/// <summary>Who may meet whom and how often.</summary>
public sealed record MeetingRules(bool CrossSideOnly, int? MinMeetings, int? MaxMeetings);

/// <summary>A meeting time slot: <see cref="Start"/> and <see cref="End"/> carry the event zone's offset.</summary>
public sealed record Slot(int Index, string Session, DateTimeOffset Start, DateTimeOffset End);

/// <summary>Derives an event's meeting slots from its sessions, meeting length and pause.</summary>
public static class SlotPlanner
{
    public static IReadOnlyList<Slot> Plan(EventSpec spec)
    {
        var zone = spec.TimeZone;
        var slots = new List<Slot>();
        var length = TimeSpan.FromMinutes(spec.MeetingMinutes);
        var step = length + TimeSpan.FromMinutes(spec.PauseMinutes);
        foreach (var session in spec.Sessions)
        {
            for (var start = session.Start; start + length <= session.End; start += step)
            {
                slots.Add(new Slot(slots.Count, session.Name, InZone(start, zone), InZone(start + length, zone)));
            }
        }
        return slots;
    }

    private static DateTimeOffset InZone(DateTime local, TimeZoneInfo zone) =>
        new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone.GetUtcOffset(local));
}
