using System.Security.Claims;
using Matchmaking.Api.Events;
using Matchmaking.Api.Infrastructure;
using Matchmaking.Core.Matching;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Scheduling;
using Matchmaking.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matchmaking.Api.ExpertVisits;

/// <summary>Plan an expert visit: the SME to visit and how many experts (default 3).</summary>
public sealed record ExpertVisitInput(long? SmeId, int? Experts);

/// <summary>One expert's visit: when, the SME need it covers (with the similarity of the expert's closest offer), and why.</summary>
public sealed record VisitResponse(long VisitId, long ExpertId, string Organization, int Slot, DateTimeOffset Start, DateTimeOffset End, string Need,
    float Similarity, IReadOnlyList<SuggestionReason> Reasons);

/// <summary>A stored plan: visits back to back, needs no expert covers, and the coverage reached over the SME's distinct needs.</summary>
public sealed record ExpertVisitPlanResponse(long Id, long SmeId, string Organization, DateTimeOffset CreatedAt, IReadOnlyList<VisitResponse> Visits,
    IReadOnlyList<UncoveredNeed> Uncovered, double Coverage, int NeedCount);

public static class ExpertVisitsApi
{
    public const int DefaultExperts = 3;
    public const int MaxExperts = 10;

    public static IServiceCollection AddMatchmakingExpertVisits(this IServiceCollection services) => services.AddSingleton<ExpertVisitService>();

    public static IEndpointRouteBuilder MapExpertVisits(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/events/{eventId:long}/expert-visits").WithTags("Expert visits").ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/", CreateExpertVisit).WithName(nameof(CreateExpertVisit))
            .WithSummary("Choose experts that together cover an SME's distinct needs and place their visits back to back (event format expert-visits)")
            .ProducesProblems(404, 409);
        group.MapGet("/", ListExpertVisits).WithName(nameof(ListExpertVisits)).WithSummary("The event's expert-visit plans").ProducesProblems(404);
        group.MapGet("/{planId:long}", GetExpertVisit).WithName(nameof(GetExpertVisit)).WithSummary("One expert-visit plan").ProducesProblems(404);
        group.MapDelete("/{planId:long}", DeleteExpertVisit).WithName(nameof(DeleteExpertVisit))
            .WithSummary("Delete a plan and free its visits' slots").ProducesProblems(404);
        return routes;
    }

    public static async Task<Results<Created<ExpertVisitPlanResponse>, ValidationProblem, ProblemHttpResult>> CreateExpertVisit(
        long eventId, ExpertVisitInput input, ClaimsPrincipal user, EventStore events, ExpertVisitService service, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (input.SmeId is null)
        {
            errors.Add("smeId", "Required: the id of the traditional SME to visit.");
        }
        var count = input.Experts ?? DefaultExperts;
        if (count is < 1 or > MaxExperts)
        {
            errors.Add("experts", $"Must be from 1 to {MaxExperts}.");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is not { } stored)
        {
            return EventsApi.EventNotFound(eventId);
        }
        if (stored.Spec.Format != EventFormat.ExpertVisits)
        {
            return Problems.Conflict($"Event {eventId} is a {stored.Spec.Format.ToWire()} event; expert visits are planned for expert-visits events.");
        }
        var (people, _, _) = await service.ParticipantsAsync(stored, cancellationToken);
        if (people.FirstOrDefault(p => p.Id == input.SmeId) is not { } sme)
        {
            return Problems.NotFound($"Event {eventId} has no participant {input.SmeId}.");
        }
        if (sme.Profile.Profile.Role != ParticipantRole.TraditionalSme)
        {
            errors.Add("smeId", $"Participant {sme.Id} is a {sme.Profile.Profile.Role.ToWire()}; experts visit traditional SMEs.");
        }
        else if (sme.Profile.Vectors.Needs.IsEmpty)
        {
            errors.Add("smeId", $"Participant {sme.Id} states no needs for experts to cover.");
        }
        var pool = ExpertVisitService.Pool(people, sme);
        if (count > pool.Count)
        {
            errors.Add("experts", $"Event {eventId} has {pool.Count} experts who could visit participant {sme.Id}; ask for at most that many.");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        var saved = await service.CreateAsync(stored, sme, pool, count, cancellationToken);
        return saved.Outcome == WriteOutcome.Done
            ? TypedResults.Created($"/events/{eventId}/expert-visits/{saved.Value!.Id}", ToResponse(saved.Value, stored.Spec, people))
            : Problems.Conflict(saved.Detail);
    }

    public static async Task<Results<Ok<ItemsResponse<ExpertVisitPlanResponse>>, ProblemHttpResult>> ListExpertVisits(
        long eventId, ClaimsPrincipal user, EventStore events, ParticipantStore participants, ExpertVisitStore visits, CancellationToken cancellationToken)
    {
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is not { } stored)
        {
            return EventsApi.EventNotFound(eventId);
        }
        var people = (await participants.ListAllAsync(eventId, cancellationToken)).ToDictionary(p => p.Id, p => p.Profile.Organization);
        return TypedResults.Ok(new ItemsResponse<ExpertVisitPlanResponse>(
            (await visits.ListAsync(eventId, cancellationToken)).Select(p => ToResponse(p, stored.Spec, people)).ToList()));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteExpertVisit(
        long eventId, long planId, ClaimsPrincipal user, EventStore events, ExpertVisitStore visits, CancellationToken cancellationToken)
    {
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is null)
        {
            return EventsApi.EventNotFound(eventId);
        }
        return await visits.DeleteAsync(eventId, planId, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"Event {eventId} has no expert-visit plan {planId}.");
    }

    public static async Task<Results<Ok<ExpertVisitPlanResponse>, ProblemHttpResult>> GetExpertVisit(
        long eventId, long planId, ClaimsPrincipal user, EventStore events, ParticipantStore participants, ExpertVisitStore visits,
        CancellationToken cancellationToken)
    {
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is not { } stored)
        {
            return EventsApi.EventNotFound(eventId);
        }
        if (await visits.GetAsync(eventId, planId, cancellationToken) is not { } plan)
        {
            return Problems.NotFound($"Event {eventId} has no expert-visit plan {planId}.");
        }
        var people = (await participants.ListAllAsync(eventId, cancellationToken)).ToDictionary(p => p.Id, p => p.Profile.Organization);
        return TypedResults.Ok(ToResponse(plan, stored.Spec, people));
    }

    private static ExpertVisitPlanResponse ToResponse(StoredVisitPlan plan, EventSpec spec, IReadOnlyList<Candidate> people) =>
        ToResponse(plan, spec, people.ToDictionary(p => p.Id, p => p.Profile.Profile.Organization));

    private static ExpertVisitPlanResponse ToResponse(StoredVisitPlan plan, EventSpec spec, Dictionary<long, string> organizations)
    {
        var slots = SlotPlanner.Plan(spec);
        string Name(long id) => organizations.GetValueOrDefault(id) ?? $"Participant {id} (no longer registered)";
        return new ExpertVisitPlanResponse(plan.Id, plan.SmeId, Name(plan.SmeId), plan.CreatedAt,
            plan.Visits.Select(v => new VisitResponse(v.Id, v.Visit.ExpertId, Name(v.Visit.ExpertId), v.Visit.Slot,
                v.Visit.Slot < slots.Count ? slots[v.Visit.Slot].Start : default, v.Visit.Slot < slots.Count ? slots[v.Visit.Slot].End : default,
                v.Visit.Need, v.Visit.Similarity, v.Visit.Reasons)).ToList(),
            plan.Uncovered, plan.Coverage, plan.NeedCount);
    }
}
