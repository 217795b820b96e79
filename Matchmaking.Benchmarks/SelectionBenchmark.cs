using System.Diagnostics;
using System.Globalization;
using Matchmaking.Core.Matching;

namespace Matchmaking.Benchmarks;

/// <summary>
/// How close the general-graph selection (CP-SAT b-matching) comes to the exact one: the same bipartite instance is
/// solved by the min-cost flow (exact) and, with every participant marked as one side so the selector cannot see the
/// bipartition, by the general path within its time limit.
/// </summary>
public static class SelectionBenchmark
{
    public static int Run(string[] args)
    {
        var at = Array.IndexOf(args, "--seconds");
        var seconds = at >= 0 && at + 1 < args.Length ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : 2;
        Console.WriteLine("| participants | candidate pairs | flow: meetings, objective, s | general: meetings, objective, s | objective gap |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var size in new[] { 200, 1000, 2000 })
        {
            var random = new Random(size);
            var participants = Enumerable.Range(0, size).Select(i => new SelectionParticipant(i % 2 == 0, random.Next(3, 9), $"Org {i}")).ToList();
            var pairs = new List<CandidatePair>();
            var seen = new HashSet<(int, int)>();
            for (var a = 0; a < size; a += 2)
            {
                while (pairs.Count < (a / 2 + 1) * 24)
                {
                    var b = 2 * random.Next(size / 2) + 1;
                    if (seen.Add((a, b)))
                    {
                        pairs.Add(new CandidatePair(a, b, (float)Math.Round(random.NextDouble(), 3)));
                    }
                }
            }
            var room = (int)(0.9 * 24 * size * 3 / 40);

            var clock = Stopwatch.StartNew();
            var exact = MeetingSelector.Select(participants, pairs, room);
            var exactSeconds = clock.Elapsed.TotalSeconds;
            var oneSide = participants.Select(p => p with { Seeker = false }).ToList();
            clock.Restart();
            var general = MeetingSelector.Select(oneSide, pairs, room, seconds: seconds);
            var generalSeconds = clock.Elapsed.TotalSeconds;

            var best = Objective(participants, exact.Meetings);
            var found = Objective(participants, general.Meetings);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {size:N0} | {pairs.Count:N0} | {exact.Meetings.Count:N0}, {best:N0}, {exactSeconds:F2} | {general.Meetings.Count:N0}, {found:N0}, {generalSeconds:F2} | {100.0 * (best - found) / best:F3} % |"));
        }
        return 0;
    }

    /// <summary>The selector's objective: each meeting's score (per mille) plus, per participant, a decreasing value per place.</summary>
    private static long Objective(IReadOnlyList<SelectionParticipant> participants, IReadOnlyList<CandidatePair> meetings)
    {
        var top = participants.Max(p => p.Capacity);
        var load = new int[participants.Count];
        long value = meetings.Sum(m => (long)Math.Round(m.Score * 1000));
        foreach (var m in meetings)
        {
            value += MeetingSelector.FairnessStep * (top + 1 - ++load[m.A]);
            value += MeetingSelector.FairnessStep * (top + 1 - ++load[m.B]);
        }
        return value;
    }
}
