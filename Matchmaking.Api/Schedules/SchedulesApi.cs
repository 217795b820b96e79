using System.Globalization;
using System.Security.Claims;
using Matchmaking.Api.Events;
using Matchmaking.Api.Infrastructure;
using Matchmaking.Api.Jobs;
using Matchmaking.Core.Matching;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Scheduling;
using Matchmaking.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Matchmaking.Api.Schedules;

/// <summary>A schedule version; <c>changes</c> only in the answer to a repair.</summary>
public sealed record ScheduleResponse(int Version, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt, IReadOnlyList<MeetingResponse> Meetings,
    IReadOnlyList<UnplacedMeeting> Unplaced, ScheduleSummary Figures, ScheduleChanges? Changes = null);

public sealed record MeetingResponse(long MeetingId, int Slot, DateTimeOffset Start, DateTimeOffset End, int Table, long ParticipantAId, long ParticipantBId,
    float Score, IReadOnlyList<SuggestionReason> Reasons, string Origin, DateTimeOffset? CancelledAt);

public sealed record ScheduleVersion(int Version, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt, ScheduleSummary Figures);

public static class SchedulesApi
{
    public static IServiceCollection AddMatchmakingSchedules(this IServiceCollection services)
    {
        services.AddSingleton<ScheduleService>();
        services.AddSingleton<ScheduleJobs>();
        services.AddHostedService(provider => provider.GetRequiredService<ScheduleJobs>());
        return services;
    }

    public const double DefaultSeconds = 5;
    public const double MaxSeconds = 60;

    public static IEndpointRouteBuilder MapSchedules(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/events/{eventId:long}/schedules").WithTags("Schedules").ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/", CreateSchedule).WithName(nameof(CreateSchedule))
            .WithSummary("Select, place, check and store a new schedule version (?seconds= budget, default 5; ?mode=repair keeps the latest in place); 202 with a job for big events")
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

    public static async Task<Results<Created<ScheduleResponse>, Accepted<JobResponse>, ValidationProblem, ProblemHttpResult>> CreateSchedule(
        long eventId, ClaimsPrincipal user, EventStore events, ParticipantStore participants, ScheduleService service, ScheduleJobs jobs,
        IOptions<MatchmakingOptions> options, CancellationToken cancellationToken, double seconds = DefaultSeconds, string? mode = null)
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
        var repair = mode == "repair";
        // Big events, or long budgets, would not answer within 30 s: they run as a job the caller polls.
        var size = (await participants.ListAsync(eventId, 1, 1, cancellationToken)).Total;
        if (size > options.Value.ScheduleJobParticipants || seconds > options.Value.ScheduleJobSeconds)
        {
            var job = await jobs.StartAsync(stored, seconds, repair, cancellationToken);
            return TypedResults.Accepted($"/events/{eventId}/jobs/{job.Id}", JobsApi.ToResponse(job));
        }
        var (saved, changes) = await service.CreateAsync(stored, seconds, repair, cancellationToken: cancellationToken);
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
