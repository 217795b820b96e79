using System.Diagnostics;
using Matchmaking.Core.Embeddings;
using Matchmaking.Core.Matching;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Scheduling;
using Matchmaking.Core.Scoring;

namespace Matchmaking.Benchmarks;

/// <summary>
/// A generated event of 2,000 participants (1,000 per side), 24 slots, 150 tables, up to 8 meetings each, planned end
/// to end with the API's code: pair scores, selection, slots and tables, the check.
/// </summary>
public static class ScaleBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var at = Array.IndexOf(args, "--seconds");
        var seconds = at >= 0 && at + 1 < args.Length ? double.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : 10;
        var spec = new EventSpec("Scale", "Digital tools for farms, food plants, sawmills, workshops, hauliers and rural hotels.",
            EventFormat.Matchmaking, "Europe/Madrid",
            [
                new EventSession("morning", new DateTime(2027, 3, 18, 9, 0, 0), new DateTime(2027, 3, 18, 13, 0, 0)),
                new EventSession("afternoon", new DateTime(2027, 3, 18, 14, 0, 0), new DateTime(2027, 3, 18, 18, 0, 0)),
            ], 20, 0, 150, new MeetingRules(true, null, 8));
        Console.WriteLine($"{SlotPlanner.Plan(spec).Count} slots, {spec.Tables} tables, 2,000 participants, at most 8 meetings each");

        using var embedder = new MiniLmEmbedder();
        var index = new EmbeddingIndex(embedder);
        var profiles = SpeedBenchmark.GenerateProfiles(2_000, maxMeetings: 8);
        var clock = Stopwatch.StartNew();
        await index.EnsureAsync(profiles.SelectMany(ProfileVectors.Texts).Append(spec.Topic));
        var people = new List<Candidate>();
        for (var i = 0; i < profiles.Count; i++)
        {
            people.Add(new Candidate(i + 1, new ScoredProfile(profiles[i], await index.ProfileAsync(profiles[i]))));
        }
        var topic = (await index.TextAsync(spec.Topic)).Mean;
        Console.WriteLine($"embedding the texts (done at import in the API): {clock.Elapsed.TotalSeconds:F1} s");

        var scorer = Repository.Scorer();
        clock.Restart();
        var plan = SchedulePlanner.Plan(spec, people, topic, new Dictionary<long, MeetingRequest>(), scorer, new SolveOptions(TimeSpan.FromSeconds(seconds)));
        var elapsed = clock.Elapsed.TotalSeconds;
        var f = plan.Figures;
        Console.WriteLine($"| {"measure",-44} | {"value",-24} |");
        Console.WriteLine($"|{new string('-', 46)}|{new string('-', 26)}|");
        Console.WriteLine($"| {"end to end (scores, selection, slots, tables)",-44} | {elapsed,20:F1} s |");
        Console.WriteLine($"| {"of which slot search (budget " + seconds + " s)",-44} | {f.SolverSeconds,20:F1} s |");
        Console.WriteLine($"| {"meetings placed / capacity bound",-44} | {f.MeetingsPlaced,11:N0} / {f.CapacityBound,-10:N0} |");
        Console.WriteLine($"| {"holes (spread)",-44} | {f.Holes,16} ({f.HolesSpread}) |");
        Console.WriteLine($"| {"meetings per participant min/median/max",-44} | {f.MinMeetings,14}/{f.MedianMeetings}/{f.MaxMeetings} |");
        Console.WriteLine($"| {"unplaced wanted meetings",-44} | {plan.Unplaced.Count,22} |");
        Console.WriteLine($"| {"peak working set",-44} | {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0,19:F0} MB |");
        return 0;
    }
}
