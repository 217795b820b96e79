using System.Globalization;
using System.Security.Claims;
using Matchmaking.Api.Events;
using Matchmaking.Api.Infrastructure;
using Matchmaking.Core.Matching;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Scheduling;
using Matchmaking.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matchmaking.Api.Schedules;

/// <summary>A schedule version; <c>changes</c> only in the answer to a repair.</summary>
public sealed record ScheduleResponse(int Version, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt, IReadOnlyList<MeetingResponse> Meetings,
    IReadOnlyList<UnplacedMeeting> Unplaced, ScheduleSummary Figures, ScheduleChanges? Changes = null);

public sealed record MeetingResponse(long MeetingId, int Slot, DateTimeOffset Start, DateTimeOffset End, int Table, long ParticipantAId, long ParticipantBId,
    float Score, IReadOnlyList<SuggestionReason> Reasons, string Origin, DateTimeOffset? CancelledAt);

public sealed record ScheduleVersion(int Version, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt, ScheduleSummary Figures);

public static class SchedulesApi
{
    public const double DefaultSeconds = 5;
    public const double MaxSeconds = 60;

    public static IEndpointRouteBuilder MapSchedules(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/events/{eventId:long}/schedules").WithTags("Schedules").ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/", CreateSchedule).WithName(nameof(CreateSchedule))
            .WithSummary("Select, place, check and store a new schedule version (?seconds= budget, default 5; ?mode=repair keeps the latest in place)")
            .ProducesProblems(404, 409);
        group.MapGet("/", ListSchedules).WithName(nameof(ListSchedules)).WithSummary("List the schedule versions").ProducesProblems(404);
        group.MapGet("/latest", GetLatestSchedule).WithName(nameof(GetLatestSchedule)).WithSummary("The newest schedule version").ProducesProblems(404);
        group.MapGet("/{version:int}", GetSchedule).WithName(nameof(GetSchedule)).WithSummary("One schedule version").ProducesProblems(404);
        group.MapDelete("/latest/meetings/{meetingId:long}", CancelMeeting).WithName(nameof(CancelMeeting))
            .WithSummary("Cancel a meeting of the latest version (then repair to refill its place)").ProducesProblems(404);
        group.MapPost("/{version:int}/publish", PublishSchedule).WithName(nameof(PublishSchedule))
            .WithSummary("Mark a version as the published one").ProducesProblems(404);
        return routes;
    }

    public static async Task<Results<Created<ScheduleResponse>, ValidationProblem, ProblemHttpResult>> CreateSchedule(
        long eventId, ClaimsPrincipal user, EventStore events, RequestStore requests, ScheduleStore schedules, SuggestionService suggestions,
        CancellationToken cancellationToken, double seconds = DefaultSeconds, string? mode = null)
    {
        var errors = new ValidationErrors();
        if (seconds is < 0.1 or > MaxSeconds || double.IsNaN(seconds))
        {
            errors.Add("seconds", $"Must be from 0.1 to {MaxSeconds.ToString(CultureInfo.InvariantCulture)}.");
        }
        if (mode is not (null or "new" or "repair"))
        {
            errors.Add("mode", "Either new (the default) or repair.");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is not { } stored)
        {
            return EventsApi.EventNotFound(eventId);
        }
        RepairBase? previous = null;
        StoredSchedule? latest = null;
        if (mode == "repair")
        {
            latest = await schedules.GetAsync(eventId, null, cancellationToken);
            if (latest is null)
            {
                return Problems.Conflict($"Event {eventId} has no schedule to repair yet; create one first.");
            }
            previous = new RepairBase(latest.Meetings.Where(m => m.CancelledAt is null).Select(m => m.Meeting).ToList(), Cancelled(latest));
        }
        var (people, topic, scorer) = await suggestions.ScoredParticipantsAsync(stored, cancellationToken);
        var wishes = (await requests.ListAsync(eventId, cancellationToken: cancellationToken)).Select(r => r.Request).ToList();
        // The search runs on the thread pool: it keeps its cores busy for the whole budget.
        var plan = await Task.Run(() => SchedulePlanner.Plan(stored.Spec, people, topic, wishes, scorer,
            new SolveOptions(TimeSpan.FromSeconds(seconds)), cancellationToken, previous), cancellationToken);
        var saved = await schedules.AddAsync(eventId, plan, cancellationToken);
        var changes = latest is null ? null : ScheduleChanges.Between(latest.Meetings.Select(m => m.Meeting).ToList(), Cancelled(latest), plan);
        return TypedResults.Created($"/events/{eventId}/schedules/{saved.Version}", ToResponse(saved, stored.Spec) with { Changes = changes });
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> CancelMeeting(
        long eventId, long meetingId, ClaimsPrincipal user, EventStore events, ScheduleStore schedules, CancellationToken cancellationToken)
    {
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is null)
        {
            return EventsApi.EventNotFound(eventId);
        }
        return await schedules.CancelAsync(eventId, meetingId, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"The latest schedule of event {eventId} has no meeting {meetingId}.");
    }

    private static List<(long A, long B)> Cancelled(StoredSchedule schedule) =>
        schedule.Meetings.Where(m => m.CancelledAt is not null).Select(m => (m.Meeting.ParticipantAId, m.Meeting.ParticipantBId)).ToList();

    public static async Task<Results<Ok<ItemsResponse<ScheduleVersion>>, ProblemHttpResult>> ListSchedules(
        long eventId, ClaimsPrincipal user, EventStore events, ScheduleStore schedules, CancellationToken cancellationToken)
    {
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is null)
        {
            return EventsApi.EventNotFound(eventId);
        }
        var list = await schedules.ListAsync(eventId, cancellationToken);
        return TypedResults.Ok(new ItemsResponse<ScheduleVersion>(list.Select(s => new ScheduleVersion(s.Version, s.CreatedAt, s.PublishedAt, s.Figures)).ToList()));
    }

    public static Task<Results<Ok<ScheduleResponse>, ProblemHttpResult>> GetLatestSchedule(
        long eventId, ClaimsPrincipal user, EventStore events, ScheduleStore schedules, CancellationToken cancellationToken) =>
        Find(eventId, null, user, events, schedules, cancellationToken);

    public static Task<Results<Ok<ScheduleResponse>, ProblemHttpResult>> GetSchedule(
        long eventId, int version, ClaimsPrincipal user, EventStore events, ScheduleStore schedules, CancellationToken cancellationToken) =>
        Find(eventId, version, user, events, schedules, cancellationToken);

    public static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult>> PublishSchedule(
        long eventId, int version, ClaimsPrincipal user, EventStore events, ScheduleStore schedules, CancellationToken cancellationToken)
    {
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is null)
        {
            return EventsApi.EventNotFound(eventId);
        }
        return await schedules.PublishAsync(eventId, version, cancellationToken)
            ? await Find(eventId, version, user, events, schedules, cancellationToken)
            : VersionNotFound(eventId, version);
    }

    private static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult>> Find(
        long eventId, int? version, ClaimsPrincipal user, EventStore events, ScheduleStore schedules, CancellationToken cancellationToken)
    {
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is not { } stored)
        {
            return EventsApi.EventNotFound(eventId);
        }
        return await schedules.GetAsync(eventId, version, cancellationToken) is { } schedule
            ? TypedResults.Ok(ToResponse(schedule, stored.Spec))
            : VersionNotFound(eventId, version);
    }

    private static ProblemHttpResult VersionNotFound(long eventId, int? version) =>
        Problems.NotFound(version is null ? $"Event {eventId} has no schedule yet." : $"Event {eventId} has no schedule version {version}.");

    private static ScheduleResponse ToResponse(StoredSchedule schedule, EventSpec spec)
    {
        var slots = SlotPlanner.Plan(spec);
        return new ScheduleResponse(schedule.Version, schedule.CreatedAt, schedule.PublishedAt,
            schedule.Meetings.Select(m => new MeetingResponse(m.Id, m.Meeting.Slot,
                m.Meeting.Slot < slots.Count ? slots[m.Meeting.Slot].Start : default, m.Meeting.Slot < slots.Count ? slots[m.Meeting.Slot].End : default,
                m.Meeting.Table, m.Meeting.ParticipantAId, m.Meeting.ParticipantBId, m.Meeting.Score, m.Meeting.Reasons, m.Meeting.Origin, m.CancelledAt)).ToList(),
            schedule.Unplaced, schedule.Figures);
    }
}
