using Matchmaking.Core.Profiles;

namespace Matchmaking.Core.Matching;

/// <summary>What is wished for a pair: a meeting asked for, agreed, refused, imposed by the organiser, or to be avoided.</summary>
public enum RequestStatus
{
    Requested,
    Accepted,
    Declined,
    Must,
    Avoid,
}

/// <summary>When a wished meeting should take place.</summary>
public enum SessionWish
{
    Any,
    Morning,
    Afternoon,
}

/// <summary>A validated wish between two participants of one event; <see cref="After"/> names a request whose meeting must come first.</summary>
public sealed record MeetingRequest(long FromId, long ToId, RequestStatus Status, SessionWish Session, int? FixedSlot, long? After = null)
{
    /// <summary>True for the statuses that ask for the meeting to happen (requested, accepted, must).</summary>
    public bool WantsMeeting => IsWanted(Status);

    public static bool IsWanted(RequestStatus status) => status is RequestStatus.Requested or RequestStatus.Accepted or RequestStatus.Must;
}

/// <summary>A meeting request as callers send it; every field optional so validation can name what is missing.</summary>
public sealed record RequestInput(long? FromId, long? ToId, string? Status, string? Session, int? FixedSlot, long? After = null);

/// <summary>
/// What a request is checked against: the event's slots and rules, and the participants its ids name in that event
/// (null when the event has no such participant).
/// </summary>
/// <param name="After">The request <c>after</c> names, when the event has it (null otherwise).</param>
public sealed record RequestContext(long EventId, int SlotCount, MeetingRules Rules, ParticipantProfile? From, ParticipantProfile? To, MeetingRequest? After = null);

/// <summary>Checks a <see cref="RequestInput"/> and turns it into a <see cref="MeetingRequest"/>.</summary>
public static class RequestValidator
{
    public static MeetingRequest? Validate(RequestInput input, RequestContext context, ValidationErrors errors)
    {
        var before = errors.Count;
        var fromKnown = Participant(input.FromId, context.From, "fromId", "the participant who asks", context.EventId, errors);
        var toKnown = Participant(input.ToId, context.To, "toId", "the participant asked for", context.EventId, errors);
        if (input.FromId is { } fromId && fromId == input.ToId)
        {
            errors.Add("toId", "A participant cannot have a request with itself.");
        }

        RequestStatus status = default;
        var statusKnown = false;
        if (string.IsNullOrWhiteSpace(input.Status))
        {
            errors.Add("status", $"Required: one of {string.Join(", ", WireNames.All<RequestStatus>())}.");
        }
        else if (!WireNames.TryParse(input.Status, out status))
        {
            errors.Add("status", $"'{input.Status}' is not one of {string.Join(", ", WireNames.All<RequestStatus>())}.");
        }
        else
        {
            statusKnown = true;
        }

        var session = SessionWish.Any;
        if (!string.IsNullOrWhiteSpace(input.Session) && !WireNames.TryParse(input.Session, out session))
        {
            errors.Add("session", $"'{input.Session}' is not one of {string.Join(", ", WireNames.All<SessionWish>())}.");
        }

        var wanted = statusKnown && MeetingRequest.IsWanted(status);
        if (statusKnown && !wanted)
        {
            // Declined and avoided meetings are never scheduled, so a time for them would be meaningless.
            if (session != SessionWish.Any)
            {
                errors.Add("session", $"Only a meeting that should happen (requested, accepted or must) can have a session wish, not '{status.ToWire()}'.");
            }
            if (input.FixedSlot is not null)
            {
                errors.Add("fixedSlot", $"Only a meeting that should happen (requested, accepted or must) can have a fixed slot, not '{status.ToWire()}'.");
            }
        }

        if (input.FixedSlot is { } slot)
        {
            if (slot < 0 || slot >= context.SlotCount)
            {
                errors.Add("fixedSlot", $"Slot {slot} is outside the event's slots 0 to {context.SlotCount - 1}.");
            }
            else
            {
                Unavailable(slot, input.FromId, context.From, errors);
                Unavailable(slot, input.ToId, context.To, errors);
            }
        }

        if (wanted && fromKnown && toKnown && input.FromId != input.ToId
            && !Sides.CanMeet(context.From!.Role, context.To!.Role, context.Rules.CrossSideOnly))
        {
            errors.Add("toId",
                $"Under the event's rule crossSideOnly, participants with roles {context.From.Role.ToWire()} and {context.To.Role.ToWire()} " +
                "do not meet: tech providers and experts meet traditional SMEs, and 'other' participants meet either side but not " +
                "each other. Only avoid or declined can be recorded for this pair.");
        }

        if (input.After is { } after)
        {
            if (context.After is null)
            {
                errors.Add("after", $"Event {context.EventId} has no request {after}.");
            }
            else if (!context.After.WantsMeeting || (statusKnown && !wanted))
            {
                errors.Add("after", "Both meetings must be wanted (requested, accepted or must) for one to come after the other.");
            }
        }

        return errors.Count > before
            ? null
            : new MeetingRequest(input.FromId!.Value, input.ToId!.Value, status, session, input.FixedSlot, input.After);
    }

    private static bool Participant(long? id, ParticipantProfile? profile, string field, string who, long eventId, ValidationErrors errors)
    {
        if (id is null)
        {
            errors.Add(field, $"Required: the id of {who}.");
            return false;
        }
        if (profile is null)
        {
            errors.Add(field, $"Event {eventId} has no participant {id}.");
            return false;
        }
        return true;
    }

    private static void Unavailable(int slot, long? id, ParticipantProfile? profile, ValidationErrors errors)
    {
        if (profile is not null && profile.UnavailableSlots.Contains(slot))
        {
            errors.Add("fixedSlot", $"Participant {id} ({profile.Organization}) is unavailable in slot {slot}.");
        }
    }
}
