namespace Matchmaking.Core.Profiles;

/// <summary>An event as callers send it; every field optional so validation can name what is missing.</summary>
public sealed record EventInput(
    string? Name,
    string? Topic,
    string? Format,
    string? TimeZone,
    IReadOnlyList<SessionInput?>? Sessions,
    int? MeetingMinutes,
    int? PauseMinutes,
    int? Tables,
    RulesInput? Rules);

public sealed record SessionInput(string? Name, DateTime? Start, DateTime? End);

public sealed record RulesInput(bool? CrossSideOnly, int? MinMeetings, int? MaxMeetings);

/// <summary>Checks an <see cref="EventInput"/> and turns it into an <see cref="EventSpec"/>.</summary>
public static class EventValidator
{
    public const int MaxSessions = 50;
    public static readonly TimeSpan MaxSessionLength = TimeSpan.FromHours(24);

    public static EventSpec? Validate(EventInput input, ValidationErrors errors)
    {
        var name = Text.Required(input.Name, "name", ProfileLimits.MaxShortText, errors);
        var topic = Text.Optional(input.Topic, "topic", ProfileLimits.MaxLongText, errors) ?? "";

        EventFormat format = default;
        if (input.Format is null)
        {
            errors.Add("format", $"Required: one of {string.Join(", ", WireNames.All<EventFormat>())}.");
        }
        else if (!WireNames.TryParse(input.Format, out format))
        {
            errors.Add("format", $"'{input.Format}' is not one of {string.Join(", ", WireNames.All<EventFormat>())}.");
        }

        TimeZoneInfo? zone = null;
        if (string.IsNullOrWhiteSpace(input.TimeZone))
        {
            errors.Add("timeZone", "Required: an IANA time zone id such as Europe/Madrid.");
        }
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(input.TimeZone, out zone))
        {
            errors.Add("timeZone", $"'{input.TimeZone}' is not a known IANA time zone id.");
        }

        var meetingMinutes = Range(input.MeetingMinutes, "meetingMinutes", 5, 240, errors);
        var pauseMinutes = input.PauseMinutes is null ? 0 : Range(input.PauseMinutes, "pauseMinutes", 0, 120, errors);
        var tables = Range(input.Tables, "tables", 1, ProfileLimits.MaxTables, errors);
        var sessions = ValidateSessions(input.Sessions, zone, errors);

        var rules = input.Rules ?? new RulesInput(null, null, null);
        int? minMeetings = rules.MinMeetings is null ? null : Range(rules.MinMeetings, "rules.minMeetings", 0, ProfileLimits.MaxMeetings, errors);
        int? maxMeetings = rules.MaxMeetings is null ? null : Range(rules.MaxMeetings, "rules.maxMeetings", 1, ProfileLimits.MaxMeetings, errors);
        if (minMeetings > maxMeetings)
        {
            errors.Add("rules.minMeetings", "Must not exceed rules.maxMeetings.");
        }

        if (!errors.IsEmpty)
        {
            return null;
        }

        var spec = new EventSpec(name!, topic, format, input.TimeZone!, sessions, meetingMinutes, pauseMinutes, tables,
            new MeetingRules(rules.CrossSideOnly ?? true, minMeetings, maxMeetings));
        CheckSlots(spec, zone!, errors);
        return errors.IsEmpty ? spec : null;
    }

    private static List<EventSession> ValidateSessions(IReadOnlyList<SessionInput?>? input, TimeZoneInfo? zone, ValidationErrors errors)
    {
        var sessions = new List<EventSession>();
        if (input is null || input.Count == 0)
        {
            errors.Add("sessions", "At least one session {name, start, end} is required.");
            return sessions;
        }

        if (input.Count > MaxSessions)
        {
            errors.Add("sessions", $"At most {MaxSessions} sessions.");
            return sessions;
        }
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < input.Count; i++)
        {
            var field = $"sessions[{i}]";
            var session = input[i];
            if (session is null)
            {
                errors.Add(field, "Must be an object {name, start, end}.");
                continue;
            }
            var name = Text.Required(session.Name, $"{field}.name", ProfileLimits.MaxShortText, errors);
            if (name is not null && !names.Add(name))
            {
                errors.Add($"{field}.name", $"Another session is already named '{name}'.");
            }
            var start = LocalTime(session.Start, $"{field}.start", zone, errors);
            var end = LocalTime(session.End, $"{field}.end", zone, errors);
            if (start is null || end is null || name is null)
            {
                continue;
            }
            if (end <= start)
            {
                errors.Add($"{field}.end", "Must be after start.");
            }
            else if (end - start > MaxSessionLength)
            {
                errors.Add($"{field}.end", $"A session lasts at most {MaxSessionLength.TotalHours} hours.");
            }
            else if (sessions.Count > 0 && start < sessions[^1].End)
            {
                errors.Add($"{field}.start", "Sessions must be in order and must not overlap.");
            }
            sessions.Add(new EventSession(name, start.Value, end.Value));
        }
        return sessions;
    }

    private static DateTime? LocalTime(DateTime? value, string field, TimeZoneInfo? zone, ValidationErrors errors)
    {
        if (value is null)
        {
            errors.Add(field, "Required: a local date-time such as 2027-03-18T09:00:00.");
            return null;
        }
        if (value.Value.Kind != DateTimeKind.Unspecified)
        {
            errors.Add(field, "Give a local date-time in the event's time zone, without an offset or 'Z'.");
            return null;
        }
        if (zone is not null && zone.IsInvalidTime(value.Value))
        {
            errors.Add(field, $"Does not exist in {zone.Id} (skipped by a daylight-saving change).");
            return null;
        }
        return value;
    }

    private static void CheckSlots(EventSpec spec, TimeZoneInfo zone, ValidationErrors errors)
    {
        var slots = SlotPlanner.Plan(spec);
        if (slots.Count > ProfileLimits.MaxSlots)
        {
            errors.Add("sessions", $"These sessions give {slots.Count} slots; at most {ProfileLimits.MaxSlots} are allowed.");
        }
        for (var i = 0; i < spec.Sessions.Count; i++)
        {
            if (!slots.Any(s => s.Session == spec.Sessions[i].Name))
            {
                errors.Add($"sessions[{i}]", $"Too short for one {spec.MeetingMinutes}-minute meeting.");
            }
        }
        if (slots.Any(s => zone.IsInvalidTime(s.Start.DateTime) || zone.IsInvalidTime(s.End.DateTime)))
        {
            errors.Add("sessions", $"A slot falls into a daylight-saving gap of {zone.Id}.");
        }
    }

    private static int Range(int? value, string field, int min, int max, ValidationErrors errors)
    {
        if (value is null)
        {
            errors.Add(field, $"Required: a whole number from {min} to {max}.");
            return 0;
        }
        if (value < min || value > max)
        {
            errors.Add(field, $"Must be from {min} to {max}.");
        }
        return value.Value;
    }
}
