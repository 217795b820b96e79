using System.Globalization;
using System.Security.Claims;
using Matchmaking.Api.Events;
using Matchmaking.Api.Infrastructure;
using Matchmaking.Core.Matching;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matchmaking.Api.Teams;

/// <summary>Form teams: their target size and, optionally, the SMEs whose challenges they form around.</summary>
public sealed record TeamsInput(int? TeamSize, IReadOnlyList<long>? ChallengeSmeIds);

public sealed record TeamMemberResponse(long ParticipantId, string Organization, string Role, string Reason, float Fit);

public sealed record TeamResponse(long Id, long ChallengeSmeId, string Challenge, IReadOnlyList<TeamMemberResponse> Members, float Fit);

/// <summary>The event's teams, the objective they reached and who has no team.</summary>
public sealed record TeamsResponse(IReadOnlyList<TeamResponse> Items, TeamObjective Objective, IReadOnlyList<long> Unassigned, int TeamSize,
    DateTimeOffset CreatedAt);

public static class TeamsApi
{
    public const double DefaultSeconds = 5;
    public const double MaxSeconds = 30;

    public static IServiceCollection AddMatchmakingTeams(this IServiceCollection services) => services.AddSingleton<TeamService>();

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/events/{eventId:long}/teams").WithTags("Teams").ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/", CreateTeams).WithName(nameof(CreateTeams))
            .WithSummary("Form hackathon teams around SMEs' challenges, replacing the event's previous teams (event format hackathon; ?seconds= solver budget)")
            .ProducesProblems(404, 409);
        group.MapGet("/", ListTeams).WithName(nameof(ListTeams)).WithSummary("The event's teams and their objective").ProducesProblems(404);
        return routes;
    }

    public static async Task<Results<Created<TeamsResponse>, ValidationProblem, ProblemHttpResult>> CreateTeams(
        long eventId, TeamsInput input, ClaimsPrincipal user, EventStore events, TeamService service, CancellationToken cancellationToken,
        double seconds = DefaultSeconds)
    {
        var errors = new ValidationErrors();
        if (input.TeamSize is not { } teamSize || teamSize < TeamBuilder.MinTeamSize || teamSize > TeamBuilder.MaxTeamSize)
        {
            errors.Add("teamSize", $"Required: from {TeamBuilder.MinTeamSize} to {TeamBuilder.MaxTeamSize} (a team has a traditional SME and at least one tech member).");
            teamSize = 0;
        }
        if (seconds is < 0.1 or > MaxSeconds || double.IsNaN(seconds))
        {
            errors.Add("seconds", $"Must be from 0.1 to {MaxSeconds.ToString(CultureInfo.InvariantCulture)}.");
        }
        var challenges = input.ChallengeSmeIds;
        if (challenges is { Count: 0 })
        {
            errors.Add("challengeSmeIds", "Leave it out to let the challenges be chosen, or name at least one SME.");
        }
        if (challenges is not null && challenges.Distinct().Count() != challenges.Count)
        {
            errors.Add("challengeSmeIds", "Each SME brings one challenge: the list repeats an id.");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is not { } stored)
        {
            return EventsApi.EventNotFound(eventId);
        }
        if (stored.Spec.Format != EventFormat.Hackathon)
        {
            return Problems.Conflict($"Event {eventId} is a {stored.Spec.Format.ToWire()} event; teams are formed for hackathon events.");
        }
        var (people, _, _) = await service.ParticipantsAsync(stored, cancellationToken);
        var byId = people.ToDictionary(p => p.Id);
        for (var i = 0; i < (challenges?.Count ?? 0); i++)
        {
            if (!byId.TryGetValue(challenges![i], out var owner))
            {
                return Problems.NotFound($"Event {eventId} has no participant {challenges[i]}.");
            }
            if (!TeamBuilder.CanBringChallenge(owner.Profile))
            {
                errors.Add($"challengeSmeIds[{i}]", $"Participant {owner.Id} is not a traditional SME that states its needs: it cannot bring a challenge.");
            }
        }
        var tech = people.Count(p => Sides.IsTechSide(p.Profile.Profile.Role));
        if (challenges is not null && challenges.Count > tech)
        {
            errors.Add("challengeSmeIds", $"{challenges.Count} teams need {challenges.Count} tech participants; event {eventId} has {tech}.");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        if (tech == 0 || !people.Any(p => TeamBuilder.CanBringChallenge(p.Profile)))
        {
            return Problems.Conflict($"Event {eventId} needs at least one traditional SME that states its needs and one tech participant to form a team.");
        }
        var saved = await service.FormAsync(stored, teamSize, challenges, seconds, cancellationToken);
        return TypedResults.Created($"/events/{eventId}/teams", ToResponse(saved, byId));
    }

    public static async Task<Results<Ok<TeamsResponse>, ProblemHttpResult>> ListTeams(
        long eventId, ClaimsPrincipal user, EventStore events, ParticipantStore participants, TeamStore teams, CancellationToken cancellationToken)
    {
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is null)
        {
            return EventsApi.EventNotFound(eventId);
        }
        if (await teams.GetAsync(eventId, cancellationToken) is not { } stored)
        {
            return Problems.NotFound($"Event {eventId} has no teams yet: form them with POST /events/{eventId}/teams.");
        }
        var organizations = (await participants.ListAllAsync(eventId, cancellationToken)).ToDictionary(p => p.Id, p => p.Profile.Organization);
        return TypedResults.Ok(ToResponse(stored, organizations));
    }

    private static TeamsResponse ToResponse(StoredTeams stored, Dictionary<long, Candidate> people) =>
        ToResponse(stored, people.ToDictionary(p => p.Key, p => p.Value.Profile.Profile.Organization));

    private static TeamsResponse ToResponse(StoredTeams stored, Dictionary<long, string> organizations) =>
        new(stored.Teams.Select(t => new TeamResponse(t.Id, t.Team.ChallengeSmeId, t.Team.Challenge,
                t.Team.Members.Select(m => new TeamMemberResponse(m.ParticipantId,
                    organizations.GetValueOrDefault(m.ParticipantId) ?? $"Participant {m.ParticipantId} (no longer registered)", m.Role, m.Reason, m.Fit)).ToList(),
                t.Team.Fit)).ToList(),
            stored.Objective, stored.Unassigned, stored.TeamSize, stored.CreatedAt);
}
