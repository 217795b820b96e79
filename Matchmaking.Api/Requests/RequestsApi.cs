using System.Security.Claims;
using Matchmaking.Api.Events;
using Matchmaking.Api.Infrastructure;
using Matchmaking.Core.Matching;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matchmaking.Api.Requests;

/// <summary>A stored request; <c>after</c> is the request whose meeting must take place first, if any.</summary>
public sealed record RequestResponse(long Id, long FromId, long ToId, string Status, string Session, int? FixedSlot, long? After, DateTimeOffset CreatedAt);

public static class RequestsApi
{
    public static IEndpointRouteBuilder MapRequests(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/events/{eventId:long}/requests").WithTags("Requests").ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/", CreateRequest).WithName(nameof(CreateRequest))
            .WithSummary("Record a wish between two participants: requested, accepted, declined, must or avoid").ProducesProblems(404, 409);
        group.MapGet("/", ListRequests).WithName(nameof(ListRequests))
            .WithSummary("List the event's meeting requests, or those one participant made or received").ProducesProblems(404);
        group.MapGet("/{requestId:long}", GetRequest).WithName(nameof(GetRequest)).WithSummary("Get a meeting request").ProducesProblems(404);
        group.MapDelete("/{requestId:long}", DeleteRequest).WithName(nameof(DeleteRequest)).WithSummary("Withdraw a meeting request").ProducesProblems(404);
        return routes;
    }

    public static async Task<Results<Created<RequestResponse>, ValidationProblem, ProblemHttpResult>> CreateRequest(
        long eventId, RequestInput input, ClaimsPrincipal user, EventStore events, ParticipantStore participants, RequestStore requests,
        CancellationToken cancellationToken)
    {
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is not { } stored)
        {
            return EventsApi.EventNotFound(eventId);
        }
        var from = input.FromId is { } fromId ? await participants.GetAsync(eventId, fromId, cancellationToken) : null;
        var to = input.ToId is { } toId ? await participants.GetAsync(eventId, toId, cancellationToken) : null;
        var after = input.After is { } afterId ? await requests.GetAsync(eventId, afterId, cancellationToken) : null;
        var context = new RequestContext(eventId, SlotPlanner.Plan(stored.Spec).Count, stored.Spec.Rules, from?.Profile, to?.Profile, after?.Request);
        var errors = new ValidationErrors();
        if (RequestValidator.Validate(input, context, errors) is not { } request)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        var result = await requests.CreateAsync(eventId, request, cancellationToken);
        return result.Value is { } created
            ? TypedResults.Created($"/events/{eventId}/requests/{created.Id}", created.ToResponse())
            : Problems.Conflict(result.Detail);
    }

    public static async Task<Results<Ok<ItemsResponse<RequestResponse>>, ProblemHttpResult>> ListRequests(
        long eventId, ClaimsPrincipal user, EventStore events, ParticipantStore participants, RequestStore requests,
        CancellationToken cancellationToken, long? participantId = null)
    {
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is null)
        {
            return EventsApi.EventNotFound(eventId);
        }
        // An unknown participant is an error rather than an empty list: a mistyped id should not look like "no requests".
        if (participantId is { } id && await participants.GetAsync(eventId, id, cancellationToken) is null)
        {
            return Problems.NotFound($"Event {eventId} has no participant {id}.");
        }
        var list = await requests.ListAsync(eventId, participantId, cancellationToken);
        return TypedResults.Ok(new ItemsResponse<RequestResponse>(list.Select(r => r.ToResponse()).ToList()));
    }

    public static async Task<Results<Ok<RequestResponse>, ProblemHttpResult>> GetRequest(
        long eventId, long requestId, ClaimsPrincipal user, EventStore events, RequestStore requests, CancellationToken cancellationToken)
    {
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is null)
        {
            return EventsApi.EventNotFound(eventId);
        }
        return await requests.GetAsync(eventId, requestId, cancellationToken) is { } stored
            ? TypedResults.Ok(stored.ToResponse())
            : RequestNotFound(eventId, requestId);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteRequest(
        long eventId, long requestId, ClaimsPrincipal user, EventStore events, RequestStore requests, CancellationToken cancellationToken)
    {
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is null)
        {
            return EventsApi.EventNotFound(eventId);
        }
        return await requests.DeleteAsync(eventId, requestId, cancellationToken)
            ? TypedResults.NoContent()
            : RequestNotFound(eventId, requestId);
    }

    private static RequestResponse ToResponse(this StoredRequest stored)
    {
        var r = stored.Request;
        return new RequestResponse(stored.Id, r.FromId, r.ToId, r.Status.ToWire(), r.Session.ToWire(), r.FixedSlot, r.After, stored.CreatedAt);
    }

    private static ProblemHttpResult RequestNotFound(long eventId, long requestId) =>
        Problems.NotFound($"Event {eventId} has no request {requestId}.");
}
