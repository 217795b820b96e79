using System.Security.Claims;
using Matchmaking.Api.Events;
using Matchmaking.Api.Infrastructure;
using Matchmaking.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matchmaking.Api.Jobs;

/// <summary>A job's state; <c>result</c> links to what it made once it succeeded.</summary>
public sealed record JobResponse(string Id, string Kind, string Status, int Progress, string? Result, string? Error, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public static class JobsApi
{
    public static IEndpointRouteBuilder MapJobs(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/events/{eventId:long}/jobs").WithTags("Jobs").ProducesProblem(StatusCodes.Status401Unauthorized)
            .MapGet("/{jobId}", GetJob).WithName(nameof(GetJob)).WithSummary("Status and progress of a long-running job").ProducesProblems(404);
        return routes;
    }

    public static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> GetJob(
        long eventId, string jobId, ClaimsPrincipal user, EventStore events, JobStore jobs, CancellationToken cancellationToken)
    {
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is null)
        {
            return EventsApi.EventNotFound(eventId);
        }
        await jobs.FailInterruptedAsync(cancellationToken);
        return await jobs.GetAsync(eventId, jobId, cancellationToken) is { } job
            ? TypedResults.Ok(ToResponse(job))
            : Problems.NotFound($"Event {eventId} has no job {jobId}.");
    }

    public static JobResponse ToResponse(StoredJob job) => new(job.Id, job.Kind, job.Status, job.Progress, Result(job), job.Error, job.CreatedAt, job.UpdatedAt);

    private static string? Result(StoredJob job) => job switch
    {
        { ResultVersion: { } version } => $"/events/{job.EventId}/schedules/{version}",
        { Kind: Participants.EmbeddingJobs.Kind, Status: JobStore.Succeeded } => $"/events/{job.EventId}/participants",
        _ => null,
    };
}
