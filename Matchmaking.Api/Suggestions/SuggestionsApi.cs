using System.Security.Claims;
using Matchmaking.Api.Events;
using Matchmaking.Api.Infrastructure;
using Matchmaking.Core.Matching;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matchmaking.Api.Suggestions;

public sealed record SuggestionsResponse(string Scorer, IReadOnlyList<SuggestionItem> Items);

public sealed record SuggestionItem(long ParticipantId, string Organization, string Role, float Score, IReadOnlyList<SuggestionReason> Reasons);

public static class SuggestionsApi
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;

    public static IEndpointRouteBuilder MapSuggestions(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/events/{eventId:long}").WithTags("Suggestions").ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/participants/{participantId:long}/suggestions", GetSuggestions).WithName(nameof(GetSuggestions))
            .WithSummary("Whom a participant should meet, best first, with reasons").ProducesProblems(404);
        group.MapPost("/suggestions", SuggestForProfile).WithName(nameof(SuggestForProfile))
            .WithSummary("Suggestions for a profile that is not stored (look before registering)").ProducesProblems(404);
        return routes;
    }

    public static async Task<Results<Ok<SuggestionsResponse>, ValidationProblem, ProblemHttpResult>> GetSuggestions(
        long eventId, long participantId, ClaimsPrincipal user, EventStore events, SuggestionService suggestions,
        CancellationToken cancellationToken, int limit = DefaultLimit)
    {
        if (LimitErrors(limit) is { } invalid)
        {
            return invalid;
        }
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is not { } stored)
        {
            return EventsApi.EventNotFound(eventId);
        }
        var ranked = await suggestions.ForParticipantAsync(stored, participantId, limit, cancellationToken);
        return ranked is null
            ? Problems.NotFound($"Event {eventId} has no participant {participantId}.")
            : TypedResults.Ok(ToResponse(suggestions.ScorerName, ranked));
    }

    public static async Task<Results<Ok<SuggestionsResponse>, ValidationProblem, ProblemHttpResult>> SuggestForProfile(
        long eventId, ParticipantInput input, ClaimsPrincipal user, EventStore events, SuggestionService suggestions,
        CancellationToken cancellationToken, int limit = DefaultLimit)
    {
        if (LimitErrors(limit) is { } invalid)
        {
            return invalid;
        }
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is not { } stored)
        {
            return EventsApi.EventNotFound(eventId);
        }
        var errors = new ValidationErrors();
        if (ParticipantValidator.Validate(input, new ParticipantBounds(SlotPlanner.Plan(stored.Spec).Count, stored.Spec.Tables), errors) is not { } profile)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        var ranked = await suggestions.ForProfileAsync(stored, profile, limit, cancellationToken);
        return TypedResults.Ok(ToResponse(suggestions.ScorerName, ranked));
    }

    private static ValidationProblem? LimitErrors(int limit) =>
        limit is < 1 or > MaxLimit
            ? Problems.Validation(new Dictionary<string, string[]> { ["limit"] = [$"Must be from 1 to {MaxLimit}."] })
            : null;

    private static SuggestionsResponse ToResponse(string scorer, IReadOnlyList<Suggestion> ranked) =>
        new(scorer, ranked.Select(s => new SuggestionItem(s.ParticipantId, s.Profile.Organization, s.Profile.Role.ToWire(), MathF.Round(s.Score, 4), s.Reasons)).ToList());
}
