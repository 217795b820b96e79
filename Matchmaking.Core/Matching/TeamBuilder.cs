using Google.OrTools.Sat;
using Matchmaking.Core.Embeddings;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Scoring;

namespace Matchmaking.Core.Matching;

/// <summary>A member of a hackathon team: <c>challenge-owner</c>, <c>tech</c> or <c>sme</c>, why they are in it, and their fit.</summary>
public sealed record TeamMember(long ParticipantId, string Role, string Reason, float Fit);

/// <summary>A team built around one traditional SME's challenge (its needs); <see cref="Fit"/> is its members' mean fit.</summary>
public sealed record FormedTeam(long ChallengeSmeId, string Challenge, IReadOnlyList<TeamMember> Members, float Fit);

/// <summary>
/// What team formation maximised: <see cref="TotalFit"/> (every member's fit to its team's challenge) plus
/// <see cref="BalanceWeight"/> x teams x <see cref="WeakestTeamFit"/> (the lowest team's summed fit), so no team is left
/// with the scraps. <see cref="Bound"/> is the solver's proven upper bound on <see cref="Value"/>.
/// </summary>
public sealed record TeamObjective(double Value, double TotalFit, double WeakestTeamFit, double BalanceWeight, double Bound, string Status, double SolverSeconds);

public sealed record TeamFormation(IReadOnlyList<FormedTeam> Teams, IReadOnlyList<long> Unassigned, TeamObjective Objective);

/// <summary>
/// Forms hackathon teams: each around one traditional SME's challenge, with tech participants (tech providers, experts)
/// whose offers fit it and, when sizes need them, other SMEs whose needs resemble it. An assignment problem solved with
/// CP-SAT (OR-Tools): every team has its owner and at least one tech member, sizes within one of each other, nobody
/// twice; the objective is total fit plus a balance term. Pure, deterministic for a given budget and inputs.
/// </summary>
public static class TeamBuilder
{
    public const double BalanceWeight = 0.5;
    public const int MinTeamSize = 2;
    public const int MaxTeamSize = 20;
    private const int Scale = 1000;
    private const int MaxVariables = 40_000;

    /// <summary>Who can be in a team: traditional SMEs and the tech side; <c>other</c> participants (agencies, banks) are not.</summary>
    public static bool CanJoin(ParticipantRole role) => role == ParticipantRole.TraditionalSme || Sides.IsTechSide(role);

    /// <summary>An SME can bring a challenge when it states needs.</summary>
    public static bool CanBringChallenge(ScoredProfile profile) =>
        profile.Profile.Role == ParticipantRole.TraditionalSme && !profile.Vectors.Needs.IsEmpty;

    /// <param name="people">The event's participants; those who cannot join are left out.</param>
    /// <param name="challengeIds">The SMEs whose challenges the teams form around; null to choose those with the most fitting tech.</param>
    /// <exception cref="ArgumentException">A challenge id is not an SME with needs, or fewer tech participants than teams.</exception>
    public static TeamFormation Build(IReadOnlyList<Candidate> people, int teamSize, IReadOnlyList<long>? challengeIds, TimeSpan budget,
        CancellationToken cancellationToken = default)
    {
        var pool = people.Where(p => CanJoin(p.Profile.Profile.Role)).ToList();
        var tech = pool.Where(p => Sides.IsTechSide(p.Profile.Profile.Role)).ToList();
        var owners = challengeIds is null ? ChooseChallenges(pool, tech, teamSize) : challengeIds.Select(id => pool.Single(p => p.Id == id)).ToList();
        if (owners.Count == 0 || owners.Any(o => !CanBringChallenge(o.Profile)))
        {
            throw new ArgumentException("Every team needs a traditional SME that states its needs as its challenge.");
        }
        if (tech.Count < owners.Count)
        {
            throw new ArgumentException($"{owners.Count} teams need at least {owners.Count} tech participants; the event has {tech.Count}.");
        }

        var ownerIds = owners.Select(o => o.Id).ToHashSet();
        var members = pool.Where(p => !ownerIds.Contains(p.Id)).ToList();
        var teams = owners.Count;
        var total = Math.Min(pool.Count, teams * teamSize);
        var (smallest, larger) = (total / teams, total % teams);
        var isTech = members.Select(m => Sides.IsTechSide(m.Profile.Profile.Role)).ToArray();
        var fits = members.Select(m => owners.Select(o => Fit(o.Profile, m.Profile)).ToArray()).ToArray();
        var score = fits.Select(row => row.Select(f => (long)Math.Round(f.Fit * Scale)).ToArray()).ToArray();

        var greedy = Greedy(score, isTech, teams, smallest, larger);
        // On big events each member is offered its best teams only (and the greedy one, so the model stays feasible).
        var perMember = (long)members.Count * teams <= MaxVariables ? teams : Math.Max(5, MaxVariables / Math.Max(1, members.Count));
        var model = new CpModel();
        var x = new BoolVar?[members.Count, teams];
        for (var m = 0; m < members.Count; m++)
        {
            var offered = Enumerable.Range(0, teams).OrderByDescending(t => score[m][t]).Take(perMember).ToHashSet();
            if (greedy[m] >= 0)
            {
                offered.Add(greedy[m]);
            }
            foreach (var t in offered)
            {
                x[m, t] = model.NewBoolVar($"x{m}_{t}");
                model.AddHint(x[m, t]!, greedy[m] == t ? 1 : 0);
            }
            model.AddAtMostOne(Row(m));
        }
        var weakest = model.NewIntVar(0, (long)Scale * (smallest + 1), "weakest");
        var teamFits = new List<LinearExpr>();
        for (var t = 0; t < teams; t++)
        {
            var column = Enumerable.Range(0, members.Count).Where(m => x[m, t] is not null).ToList();
            var size = LinearExpr.Sum(column.Select(m => x[m, t]!));
            model.Add(size >= smallest - 1);
            model.Add(size <= smallest - 1 + (larger > 0 ? 1 : 0));
            model.Add(LinearExpr.Sum(column.Where(m => isTech[m]).Select(m => x[m, t]!)) >= 1);
            var fit = LinearExpr.WeightedSum(column.Select(m => x[m, t]!), column.Select(m => score[m][t]));
            teamFits.Add(fit);
            model.Add(weakest <= fit);
        }
        model.Add(LinearExpr.Sum(Enumerable.Range(0, members.Count).SelectMany(Row)) == total - teams);
        var balance = (long)Math.Round(BalanceWeight * teams * 2);
        // The objective doubled keeps the balance weight an integer: 2 x total + (2 x weight x teams) x weakest.
        model.Maximize(LinearExpr.Sum(teamFits) * 2 + weakest * balance);

        var solver = new CpSolver { StringParameters = $"max_time_in_seconds:{budget.TotalSeconds:F3},num_workers:2,random_seed:1" };
        using var registration = cancellationToken.Register(solver.StopSearch);
        var status = solver.Solve(model);
        int[] team;
        double bound;
        if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
        {
            team = Enumerable.Range(0, members.Count)
                .Select(m => Enumerable.Range(0, teams).FirstOrDefault(t => x[m, t] is { } v && solver.BooleanValue(v), -1)).ToArray();
            bound = solver.BestObjectiveBound / 2 / Scale;
        }
        else
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The greedy teams are valid too; without a proof, the bound is the best fit of everyone.
            team = greedy;
            bound = double.NaN;
        }

        var formed = new List<FormedTeam>();
        var sums = new double[teams];
        for (var t = 0; t < teams; t++)
        {
            var owner = owners[t];
            var list = new List<TeamMember> { new(owner.Id, "challenge-owner", $"Brings the challenge: “{Challenge(owner)}”.", 1) };
            foreach (var m in Enumerable.Range(0, members.Count).Where(m => team[m] == t).OrderByDescending(m => fits[m][t].Fit))
            {
                list.Add(new TeamMember(members[m].Id, isTech[m] ? "tech" : "sme", fits[m][t].Reason, MathF.Round(fits[m][t].Fit, 3)));
                sums[t] += score[m][t] / (double)Scale;
            }
            formed.Add(new FormedTeam(owner.Id, Challenge(owner), list, MathF.Round((float)(sums[t] / Math.Max(1, list.Count - 1)), 3)));
        }
        var totalFit = sums.Sum();
        var weakestFit = sums.Min();
        var value = totalFit + BalanceWeight * teams * weakestFit;
        var objective = new TeamObjective(Math.Round(value, 3), Math.Round(totalFit, 3), Math.Round(weakestFit, 3), BalanceWeight,
            double.IsNaN(bound) ? Math.Round(fits.Sum(row => row.Max(f => (double)f.Fit)) * (1 + BalanceWeight), 3) : Math.Round(bound, 3),
            status switch { CpSolverStatus.Optimal => "optimal", CpSolverStatus.Feasible => "feasible", _ => "greedy" },
            Math.Round(solver.WallTime(), 3));
        var unassigned = Enumerable.Range(0, members.Count).Where(m => team[m] < 0).Select(m => members[m].Id).ToList();
        return new TeamFormation(formed, unassigned, objective);

        IEnumerable<BoolVar> Row(int m) => Enumerable.Range(0, teams).Where(t => x[m, t] is not null).Select(t => x[m, t]!);
    }

    /// <summary>The challenge as shown: the SME's needs text.</summary>
    public static string Challenge(Candidate owner) => owner.Profile.Profile.Needs?.Trim() ?? "";

    /// <summary>
    /// How well a member fits a challenge, with the reason: a tech participant by its offer sentence closest to a
    /// challenge sentence, an SME by its need sentence closest to one (a shared problem). Never below zero.
    /// </summary>
    public static (float Fit, string Reason) Fit(ScoredProfile owner, ScoredProfile member)
    {
        var techSide = Sides.IsTechSide(member.Profile.Role);
        var theirs = techSide ? member.Vectors.Offers : member.Vectors.Needs;
        if (FeatureExtractor.Best(owner.Vectors.Needs, theirs) is not { } best)
        {
            return (0, techSide
                ? "Completes the team's tech side; their profile states no offer to compare with the challenge."
                : "Completes the team with the view of another traditional business.");
        }
        var fit = Math.Max(0, best.Similarity);
        var challenge = owner.Vectors.Needs.Sentences[best.Seeker];
        var sentence = theirs.Sentences[best.Provider];
        return (fit, techSide
            ? $"Their offer “{sentence}” {Verb(fit)} the challenge “{challenge}”."
            : $"Their own need “{sentence}” {Verb(fit)} the challenge “{challenge}”: they share the problem.");
    }

    private static string Verb(float similarity) =>
        similarity >= SuggestionRanker.AnswersThreshold ? "answers" : similarity >= SuggestionRanker.ReverseReasonThreshold ? "relates to" : "is the closest, if weak, match to";

    /// <summary>The SMEs with needs whose best-fitting tech participants fit them best, as many as teams the pool can fill.</summary>
    private static List<Candidate> ChooseChallenges(List<Candidate> pool, List<Candidate> tech, int teamSize)
    {
        var smes = pool.Where(p => CanBringChallenge(p.Profile)).ToList();
        var teams = Math.Min(Math.Min(smes.Count, tech.Count), (pool.Count + teamSize - 1) / teamSize);
        var take = Math.Max(1, Math.Min(teamSize - 1, tech.Count));
        return smes
            .Select(s => (Sme: s, Value: tech.Select(t => Fit(s.Profile, t.Profile).Fit).OrderDescending().Take(take).Sum()))
            .OrderByDescending(s => s.Value).ThenBy(s => s.Sme.Id)
            .Take(teams).Select(s => s.Sme).OrderBy(s => s.Id).ToList();
    }

    /// <summary>
    /// A valid assignment to start the solver from: each team takes its best free tech member, then the best remaining
    /// (member, team) pairs fill teams up to their sizes.
    /// </summary>
    private static int[] Greedy(long[][] score, bool[] isTech, int teams, int smallest, int larger)
    {
        var team = new int[score.Length];
        Array.Fill(team, -1);
        var size = Enumerable.Repeat(1, teams).ToArray();
        for (var t = 0; t < teams; t++)
        {
            var best = Enumerable.Range(0, score.Length).Where(m => isTech[m] && team[m] < 0).MaxBy(m => score[m][t]);
            team[best] = t;
            size[t]++;
        }
        var order = Enumerable.Range(0, score.Length).SelectMany(m => Enumerable.Range(0, teams).Select(t => (m, t)))
            .OrderByDescending(p => score[p.m][p.t]).ThenBy(p => p.m).ThenBy(p => p.t);
        foreach (var (m, t) in order)
        {
            if (team[m] >= 0 || size[t] >= smallest + (larger > 0 ? 1 : 0) || (size[t] == smallest && larger == 0))
            {
                continue;
            }
            // Only `larger` teams may take one more than the smallest size.
            if (size[t] == smallest && size.Count(s => s > smallest) >= larger)
            {
                continue;
            }
            team[m] = t;
            size[t]++;
        }
        // Teams still short (every remaining pair was taken) take whoever is left.
        for (var t = 0; t < teams; t++)
        {
            for (var m = 0; m < score.Length && size[t] < smallest; m++)
            {
                if (team[m] < 0)
                {
                    (team[m], size[t]) = (t, size[t] + 1);
                }
            }
        }
        return team;
    }
}
