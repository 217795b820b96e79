using System.Globalization;
using Google.OrTools.Graph;
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
/// with the scraps. <see cref="Bound"/> is a proven upper bound on <see cref="Value"/>; <see cref="BestTotalFit"/> the highest
/// total fit any valid teams reach (min-cost flow, exact): what the balance term trades some of away.
/// </summary>
public sealed record TeamObjective(double Value, double TotalFit, double WeakestTeamFit, double BalanceWeight, double Bound, string Status, double SolverSeconds,
    double BestTotalFit);

public sealed record TeamFormation(IReadOnlyList<FormedTeam> Teams, IReadOnlyList<long> Unassigned, TeamObjective Objective);

/// <summary>
/// Forms hackathon teams: each around one traditional SME's challenge, with tech participants (tech providers, experts)
/// whose offers fit it and, when sizes need them, other SMEs whose needs resemble it. An assignment problem: every team
/// has its owner and at least one tech member, sizes within one of each other, nobody twice. A min-cost flow (OR-Tools)
/// finds the teams of highest total fit exactly; CP-SAT starts from them and maximises total fit plus a balance term.
/// Pure.
/// </summary>
public static class TeamBuilder
{
    public const double BalanceWeight = 0.5;
    public const int MinTeamSize = 2;
    public const int MaxTeamSize = 20;
    private const int Scale = 1000;
    private const int MaxVariables = 40_000;
    private const int ShortlistTeams = 12;

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

        var (flowTeams, bestTotal) = BestTotal(score, isTech, teams, smallest, larger);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var team = flowTeams;
        var status = "best-total";
        var bound = double.NaN;
        // On many teams, a model offering each member only its closest teams is solved first (often to optimality in
        // a second or two); the full model then starts from its answer with the rest of the budget and proves the bound.
        if (teams > ShortlistTeams)
        {
            if (Solve(ShortlistTeams, team, budget / 3) is { } quick)
            {
                (team, status) = (quick.Team, "feasible");
            }
        }
        if ((long)members.Count * teams <= MaxVariables && Solve(teams, team, budget - clock.Elapsed) is { } full)
        {
            bound = full.Bound;
            if (ValueOf(full.Team) >= ValueOf(team))
            {
                (team, status) = (full.Team, full.Optimal ? "optimal" : "feasible");
            }
        }

        // Without the solver's proof: the best total at most, and the weakest team at most the average.
        var simpleBound = bestTotal / (double)Scale * (1 + BalanceWeight);
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
            // Rounded up, so a bound that is met exactly never reads below the rounded value.
            Math.Ceiling((double.IsNaN(bound) ? simpleBound : Math.Min(bound, simpleBound)) * 1000 - 1e-6) / 1000,
            status,
            Math.Round(clock.Elapsed.TotalSeconds, 3), Math.Round(bestTotal / (double)Scale, 3));
        var unassigned = Enumerable.Range(0, members.Count).Where(m => team[m] < 0).Select(m => members[m].Id).ToList();
        return new TeamFormation(formed, unassigned, objective);

        long ValueOf(int[] assignment)
        {
            var sums = new long[teams];
            for (var m = 0; m < members.Count; m++)
            {
                if (assignment[m] >= 0)
                {
                    sums[assignment[m]] += score[m][assignment[m]];
                }
            }
            return 2 * sums.Sum() + (long)Math.Round(BalanceWeight * teams * 2) * sums.Min();
        }

        // One CP-SAT run over (member, team) variables, each member offered its `perMember` closest teams and the hint's.
        (int[] Team, double Bound, bool Optimal)? Solve(int perMember, int[] hint, TimeSpan seconds)
        {
            if (seconds <= TimeSpan.FromMilliseconds(50))
            {
                return null;
            }
            var model = new CpModel();
            var x = new BoolVar?[members.Count, teams];
            for (var m = 0; m < members.Count; m++)
            {
                var offered = Enumerable.Range(0, teams).OrderByDescending(t => score[m][t]).Take(perMember).ToHashSet();
                if (hint[m] >= 0)
                {
                    offered.Add(hint[m]);
                }
                foreach (var t in offered)
                {
                    x[m, t] = model.NewBoolVar($"x{m}_{t}");
                    model.AddHint(x[m, t]!, hint[m] == t ? 1 : 0);
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
            // Redundant for whole solutions, but it gives the relaxation the exact best total and so a tighter bound.
            model.Add(LinearExpr.Sum(teamFits) <= bestTotal);
            // The objective doubled keeps the balance weight an integer: 2 x total + (2 x weight x teams) x weakest.
            model.Maximize(LinearExpr.Sum(teamFits) * 2 + weakest * (long)Math.Round(BalanceWeight * teams * 2));

            // Eight workers even on two cores: the portfolio's neighbourhood searches improve the weakest team far more
            // than two workers do in the same time (300-participant benchmark).
            var solver = new CpSolver
            {
                StringParameters = string.Create(CultureInfo.InvariantCulture, $"max_time_in_seconds:{seconds.TotalSeconds:F3},num_workers:8,random_seed:1"),
            };
            using var registration = cancellationToken.Register(solver.StopSearch);
            var result = solver.Solve(model);
            cancellationToken.ThrowIfCancellationRequested();
            if (result is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
            {
                return null;
            }
            var found = Enumerable.Range(0, members.Count)
                .Select(m => Enumerable.Range(0, teams).FirstOrDefault(t => x[m, t] is { } v && solver.BooleanValue(v), -1)).ToArray();
            return (found, solver.BestObjectiveBound / 2 / Scale, result == CpSolverStatus.Optimal);

            IEnumerable<BoolVar> Row(int m) => Enumerable.Range(0, teams).Where(t => x[m, t] is not null).Select(t => x[m, t]!);
        }
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
    /// The teams of highest total fit, exactly, as a min-cost flow: source -> member (1 each) -> a team's tech seat (tech
    /// members only; exactly one per team) or its other seats (sizes as given) -> sink. Returns each member's team (-1
    /// for none) and the total fit in solver units.
    /// </summary>
    private static (int[] Team, long Total) BestTotal(long[][] score, bool[] isTech, int teams, int smallest, int larger)
    {
        using var flow = new MinCostFlow();
        var members = score.Length;
        const int source = 0;
        int Member(int m) => 1 + m;
        int TechSeat(int t) => 1 + members + t;
        int OtherSeats(int t) => 1 + members + teams + t;
        var extra = 1 + members + 2 * teams;
        var arcs = new List<(int Arc, int Member, int Team)>();
        for (var m = 0; m < members; m++)
        {
            flow.AddArcWithCapacityAndUnitCost(source, Member(m), 1, 0);
            for (var t = 0; t < teams; t++)
            {
                if (isTech[m])
                {
                    arcs.Add((flow.AddArcWithCapacityAndUnitCost(Member(m), TechSeat(t), 1, -score[m][t]), m, t));
                }
                arcs.Add((flow.AddArcWithCapacityAndUnitCost(Member(m), OtherSeats(t), 1, -score[m][t]), m, t));
            }
        }
        for (var t = 0; t < teams; t++)
        {
            flow.SetNodeSupply(TechSeat(t), -1);
            // Beyond the owner and the tech seat, every team has smallest - 2 seats; `larger` of them one more.
            flow.SetNodeSupply(OtherSeats(t), -(smallest - 2));
            flow.AddArcWithCapacityAndUnitCost(OtherSeats(t), extra, larger > 0 ? 1 : 0, 0);
        }
        flow.SetNodeSupply(extra, -larger);
        flow.SetNodeSupply(source, (long)teams * (smallest - 1) + larger);
        var status = flow.Solve();
        if (status != MinCostFlowBase.Status.OPTIMAL)
        {
            throw new InvalidOperationException($"Team formation failed: min-cost flow ended {status}.");
        }
        var team = new int[members];
        Array.Fill(team, -1);
        foreach (var (arc, m, t) in arcs.Where(a => flow.Flow(a.Arc) > 0))
        {
            team[m] = t;
        }
        return (team, -flow.OptimalCost());
    }
}
