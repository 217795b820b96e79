using System.Security.Claims;
using Matchmaking.Api.Infrastructure;
using Matchmaking.Core.Embeddings;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matchmaking.Api.Events;

public static class EventsApi
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/events").WithTags("Events").ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/", CreateEvent).WithName(nameof(CreateEvent)).WithSummary("Create an event").ProducesProblems(409);
        group.MapGet("/", ListEvents).WithName(nameof(ListEvents)).WithSummary("List the caller's events");
        group.MapGet("/{eventId:long}", GetEvent).WithName(nameof(GetEvent)).WithSummary("Get an event").ProducesProblems(404);
        group.MapPut("/{eventId:long}", UpdateEvent).WithName(nameof(UpdateEvent)).WithSummary("Replace an event's definition").ProducesProblems(404, 409);
        group.MapDelete("/{eventId:long}", DeleteEvent).WithName(nameof(DeleteEvent)).WithSummary("Delete an event and everything in it").ProducesProblems(404);
        group.MapGet("/{eventId:long}/slots", ListSlots).WithName(nameof(ListSlots)).WithSummary("List the meeting slots derived from the sessions").ProducesProblems(404);
        return routes;
    }

    public static async Task<Results<Created<EventResponse>, ValidationProblem, ProblemHttpResult>> CreateEvent(
        EventInput input, ClaimsPrincipal user, EventStore events, EmbeddingIndex index, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (EventValidator.Validate(input, errors) is not { } spec)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        var result = await events.CreateAsync(user.Tenant(), spec, cancellationToken);
        if (result.Value is not { } created)
        {
            return Problems.Conflict(result.Detail);
        }
        await index.EnsureAsync([spec.Topic], cancellationToken: cancellationToken);
        return TypedResults.Created($"/events/{created.Id}", created.ToResponse());
    }

    public static async Task<Ok<ItemsResponse<EventResponse>>> ListEvents(ClaimsPrincipal user, EventStore events, CancellationToken cancellationToken)
    {
        var list = await events.ListAsync(user.Tenant(), cancellationToken);
        return TypedResults.Ok(new ItemsResponse<EventResponse>(list.Select(e => e.ToResponse()).ToList()));
    }

    public static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> GetEvent(
        long eventId, ClaimsPrincipal user, EventStore events, CancellationToken cancellationToken) =>
        await events.GetAsync(user.Tenant(), eventId, cancellationToken) is { } stored
            ? TypedResults.Ok(stored.ToResponse())
            : EventNotFound(eventId);

    public static async Task<Results<Ok<EventResponse>, ValidationProblem, ProblemHttpResult>> UpdateEvent(
        long eventId, EventInput input, ClaimsPrincipal user, EventStore events, EmbeddingIndex index, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (EventValidator.Validate(input, errors) is not { } spec)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        var result = await events.UpdateAsync(user.Tenant(), eventId, spec, cancellationToken);
        if (result.Outcome == WriteOutcome.Done)
        {
            await index.EnsureAsync([spec.Topic], cancellationToken: cancellationToken);
        }
        return result.Outcome switch
        {
            WriteOutcome.Done => TypedResults.Ok(result.Value!.ToResponse()),
            WriteOutcome.NotFound => EventNotFound(eventId),
            _ => Problems.Conflict(result.Detail),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteEvent(
        long eventId, ClaimsPrincipal user, EventStore events, CancellationToken cancellationToken) =>
        await events.DeleteAsync(user.Tenant(), eventId, cancellationToken) ? TypedResults.NoContent() : EventNotFound(eventId);

    public static async Task<Results<Ok<ItemsResponse<SlotResponse>>, ProblemHttpResult>> ListSlots(
        long eventId, ClaimsPrincipal user, EventStore events, CancellationToken cancellationToken) =>
        await events.GetAsync(user.Tenant(), eventId, cancellationToken) is { } stored
            ? TypedResults.Ok(new ItemsResponse<SlotResponse>(SlotPlanner.Plan(stored.Spec).Select(s => s.ToResponse()).ToList()))
            : EventNotFound(eventId);

    /// <summary>Also the answer for another tenant's event: its existence is not revealed.</summary>
    public static ProblemHttpResult EventNotFound(long eventId) => Problems.NotFound($"Event {eventId} does not exist.");
}
