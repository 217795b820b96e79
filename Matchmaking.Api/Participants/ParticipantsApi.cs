using System.Security.Claims;
using System.Text.Json;
using Matchmaking.Api.Events;
using Matchmaking.Api.Infrastructure;
using Matchmaking.Api.Jobs;
using Matchmaking.Core.Embeddings;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Matchmaking.Api.Participants;

public static class ParticipantsApi
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static IEndpointRouteBuilder MapParticipants(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/events/{eventId:long}/participants").WithTags("Participants").ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/", CreateParticipant).WithName(nameof(CreateParticipant)).WithSummary("Add a participant").ProducesProblems(404, 409);
        group.MapGet("/", ListParticipants).WithName(nameof(ListParticipants)).WithSummary("List participants, a page at a time").ProducesProblems(404);
        group.MapGet("/{participantId:long}", GetParticipant).WithName(nameof(GetParticipant)).WithSummary("Get a participant").ProducesProblems(404);
        group.MapPut("/{participantId:long}", UpdateParticipant).WithName(nameof(UpdateParticipant)).WithSummary("Replace a participant's profile").ProducesProblems(404, 409);
        group.MapDelete("/{participantId:long}", DeleteParticipant).WithName(nameof(DeleteParticipant)).WithSummary("Remove a participant").ProducesProblems(404);
        group.MapPost("/import", ImportParticipants).WithName(nameof(ImportParticipants))
            .WithSummary("Add or update up to 10,000 participants from a JSON array or CSV, all or nothing; 202 with an embedding job when many texts are new")
            .Accepts<IReadOnlyList<ParticipantInput>>("application/json", "text/csv")
            .ProducesProblems(404, 415);
        return routes;
    }

    public static async Task<Results<Created<ParticipantResponse>, ValidationProblem, ProblemHttpResult>> CreateParticipant(
        long eventId, ParticipantInput input, ClaimsPrincipal user, EventStore events, ParticipantStore participants, EmbeddingIndex index,
        CancellationToken cancellationToken)
    {
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is not { } stored)
        {
            return EventsApi.EventNotFound(eventId);
        }
        var errors = new ValidationErrors();
        if (ParticipantValidator.Validate(input, Bounds(stored), errors) is not { } profile)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        var result = await participants.CreateAsync(eventId, profile, cancellationToken);
        if (result.Value is not { } created)
        {
            return Problems.Conflict(result.Detail);
        }
        await index.IndexAsync([profile], cancellationToken);
        return TypedResults.Created($"/events/{eventId}/participants/{created.Id}", created.ToResponse());
    }

    public static async Task<Results<Ok<ParticipantPage>, ValidationProblem, ProblemHttpResult>> ListParticipants(
        long eventId, ClaimsPrincipal user, EventStore events, ParticipantStore participants, CancellationToken cancellationToken,
        int page = 1, int pageSize = DefaultPageSize)
    {
        var errors = new ValidationErrors();
        if (page < 1)
        {
            errors.Add("page", "Pages are numbered from 1.");
        }
        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"Must be from 1 to {MaxPageSize}.");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is null)
        {
            return EventsApi.EventNotFound(eventId);
        }
        var result = await participants.ListAsync(eventId, page, pageSize, cancellationToken);
        return TypedResults.Ok(new ParticipantPage(result.Items.Select(p => p.ToResponse()).ToList(), result.Total, page, pageSize));
    }

    public static async Task<Results<Ok<ParticipantResponse>, ProblemHttpResult>> GetParticipant(
        long eventId, long participantId, ClaimsPrincipal user, EventStore events, ParticipantStore participants, CancellationToken cancellationToken)
    {
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is null)
        {
            return EventsApi.EventNotFound(eventId);
        }
        return await participants.GetAsync(eventId, participantId, cancellationToken) is { } stored
            ? TypedResults.Ok(stored.ToResponse())
            : ParticipantNotFound(eventId, participantId);
    }

    public static async Task<Results<Ok<ParticipantResponse>, ValidationProblem, ProblemHttpResult>> UpdateParticipant(
        long eventId, long participantId, ParticipantInput input, ClaimsPrincipal user, EventStore events, ParticipantStore participants,
        EmbeddingIndex index, CancellationToken cancellationToken)
    {
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is not { } stored)
        {
            return EventsApi.EventNotFound(eventId);
        }
        var errors = new ValidationErrors();
        if (ParticipantValidator.Validate(input, Bounds(stored), errors) is not { } profile)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        var result = await participants.UpdateAsync(eventId, participantId, profile, cancellationToken);
        if (result.Outcome == WriteOutcome.Done)
        {
            await index.IndexAsync([profile], cancellationToken);
        }
        return result.Outcome switch
        {
            WriteOutcome.Done => TypedResults.Ok(result.Value!.ToResponse()),
            WriteOutcome.NotFound => ParticipantNotFound(eventId, participantId),
            _ => Problems.Conflict(result.Detail),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteParticipant(
        long eventId, long participantId, ClaimsPrincipal user, EventStore events, ParticipantStore participants, CancellationToken cancellationToken)
    {
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is null)
        {
            return EventsApi.EventNotFound(eventId);
        }
        return await participants.DeleteAsync(eventId, participantId, cancellationToken)
            ? TypedResults.NoContent()
            : ParticipantNotFound(eventId, participantId);
    }

    public static async Task<Results<Ok<ImportResponse>, Accepted<ImportResponse>, ValidationProblem, ProblemHttpResult>> ImportParticipants(
        long eventId, HttpRequest request, ClaimsPrincipal user, EventStore events, ParticipantStore participants, EmbeddingIndex index,
        EmbeddingJobs embeddingJobs, IOptions<MatchmakingOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        CancellationToken cancellationToken)
    {
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is not { } stored)
        {
            return EventsApi.EventNotFound(eventId);
        }
        var errors = new ValidationErrors();
        IReadOnlyList<ImportRow> rows;
        if (IsCsv(request.ContentType))
        {
            // The CSV reader is synchronous and servers forbid synchronous body reads: buffer the (size-limited) body first.
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, cancellationToken);
            body.Position = 0;
            rows = ParticipantCsv.Read(body, errors);
        }
        else if (request.HasJsonContentType())
        {
            rows = await ParticipantImport.ReadJsonAsync(request.Body, json.Value.SerializerOptions, errors, cancellationToken);
        }
        else
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send participants as application/json (an array) or text/csv.");
        }
        var profiles = ParticipantImport.Validate(rows, Bounds(stored), errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        var imported = await participants.ImportAsync(eventId, profiles, cancellationToken);
        // Many new texts would keep the caller waiting for the model (about 300 sentences a second): embed them in a job.
        var texts = profiles.SelectMany(ProfileVectors.Texts).ToList();
        if (await index.CountMissingAsync(texts, cancellationToken) > options.Value.ImportJobSentences)
        {
            var job = await embeddingJobs.StartAsync(eventId, texts, cancellationToken);
            return TypedResults.Accepted($"/events/{eventId}/jobs/{job.Id}", imported.ToResponse() with { Job = JobsApi.ToResponse(job) });
        }
        await index.EnsureAsync(texts, cancellationToken: cancellationToken);
        return TypedResults.Ok(imported.ToResponse());
    }

    private static bool IsCsv(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType) && mediaType.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase);

    private static ParticipantBounds Bounds(StoredEvent stored) => new(SlotPlanner.Plan(stored.Spec).Count, stored.Spec.Tables);

    private static ProblemHttpResult ParticipantNotFound(long eventId, long participantId) =>
        Problems.NotFound($"Event {eventId} has no participant {participantId}.");
}
