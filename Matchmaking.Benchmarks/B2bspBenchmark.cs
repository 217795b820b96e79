using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Matchmaking.Core.Scheduling;

namespace Matchmaking.Benchmarks;

/// <summary>
/// The B2B meeting scheduling problem instances (MiniZinc .dzn, see ../shared/b2bsp/README.md) scheduled with the same
/// Core code the API uses; prints holes, spread and seconds per instance next to the best-known holes.
/// </summary>
public static partial class B2bspBenchmark
{
    public static int Run(string[] args)
    {
        var files = args.Where(a => a.EndsWith(".dzn", StringComparison.OrdinalIgnoreCase)).ToList();
        var outAt = Array.IndexOf(args, "--out");
        var output = outAt >= 0 && outAt + 1 < args.Length ? args[outAt + 1] : null;
        var secondsAt = Array.IndexOf(args, "--seconds");
        var seconds = secondsAt >= 0 && secondsAt + 1 < args.Length ? double.Parse(args[secondsAt + 1], CultureInfo.InvariantCulture) : 1.8;
        var runsAt = Array.IndexOf(args, "--runs");
        var runs = runsAt >= 0 && runsAt + 1 < args.Length ? int.Parse(args[runsAt + 1], CultureInfo.InvariantCulture) : 1;
        if (files.Count == 0)
        {
            Console.Error.WriteLine("usage: b2bsp FILE.dzn... [--out DIR] [--seconds S] [--runs N]");
            return 2;
        }
        if (output is not null)
        {
            Directory.CreateDirectory(output);
        }
        Console.WriteLine($"{"instance",-26} {"meetings",8} {"holes",6} {"best-known",10} {"spread",6} {"bound",5} {"seconds",8}  check");
        var failures = 0;
        foreach (var file in files)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var parsing = Stopwatch.StartNew();
            ScheduleProblem problem;
            try
            {
                problem = Parse(file);
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or OverflowException)
            {
                failures++;
                Console.WriteLine($"{name,-26} cannot read it: {e.Message}");
                continue;
            }
            var parseSeconds = parsing.Elapsed.TotalSeconds;
            if (QuickProof.Find(problem, firstNumber: 1) is { } why)
            {
                // Proven before any search: no file is written.
                Console.WriteLine($"{name,-26} {problem.Meetings.Count,8}  no schedule exists: {why}");
                continue;
            }
            var holes = new List<int>();
            (SlotSolution Solution, double Seconds)? best = null;
            // Runs differ by seed (and by how the threads race): several show the spread a single run hides.
            for (var run = 1; run <= runs; run++)
            {
                var clock = Stopwatch.StartNew();
                SlotSolution solution;
                try
                {
                    solution = SlotAssigner.Solve(problem, new SolveOptions(TimeSpan.FromSeconds(seconds), Seed: run));
                }
                catch (SchedulingException e)
                {
                    Console.WriteLine($"{name,-26} {problem.Meetings.Count,8}  no schedule exists: {e.Message}");
                    break;
                }
                catch (InvalidOperationException e)
                {
                    failures++;
                    Console.WriteLine($"{name,-26} {problem.Meetings.Count,8}  FAILED: {e.Message}");
                    continue;
                }
                var elapsed = parseSeconds + clock.Elapsed.TotalSeconds;
                var placements = solution.Slots.Select(s => new Placement(s, 1)).ToList();
                // Tables are interchangeable here: give each meeting of a slot its own table before checking.
                var perSlot = new int[problem.SlotCount];
                placements = placements.Select(p => p with { Table = ++perSlot[p.Slot] }).ToList();
                var violations = ScheduleChecker.Violations(problem, placements);
                failures += violations.Count > 0 ? 1 : 0;
                Console.WriteLine($"{name,-26} {problem.Meetings.Count,8} {solution.Holes,6} {BestKnown(file, name),10} {solution.HolesSpread,6} {solution.LowerBound?.ToString() ?? "-",5} {elapsed,8:F2}  " +
                    (violations.Count == 0 ? "valid" : $"INVALID: {violations[0]}"));
                holes.Add(solution.Holes);
                if (best is null || solution.Holes < best.Value.Solution.Holes)
                {
                    best = (solution, elapsed);
                }
            }
            if (runs > 1 && holes.Count > 0)
            {
                Console.WriteLine($"{name,-26} holes {holes.Min()}-{holes.Max()}, mean {holes.Average():F2} over {holes.Count} runs");
            }
            if (output is not null && best is { } kept)
            {
                File.WriteAllText(Path.Combine(output, name + ".json"), JsonSerializer.Serialize(new
                {
                    instance = name,
                    slots = kept.Solution.Slots.Select(s => s + 1),
                    holes = kept.Solution.Holes,
                    spread = kept.Solution.HolesSpread,
                    seconds = Math.Round(kept.Seconds, 3),
                }));
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Reads a .dzn instance: 1-based participants, slots and meetings become 0-based.</summary>
    public static ScheduleProblem Parse(string path)
    {
        var text = File.ReadAllText(path);
        int Int(string name) => Regex.Match(text, $@"\b{name}\s*=\s*(\d+)\s*;") is { Success: true } m
            ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidDataException($"no '{name} = N;'.");
        string? Block(string name) => Regex.Match(text, $@"\b{name}\s*=\s*(.*?);", RegexOptions.Singleline) is { Success: true } m ? m.Groups[1].Value : null;
        static int[] Numbers(string block) => Number().Matches(block).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).ToArray();
        static List<int[]> Sets(string block) => Set().Matches(block).Select(m => Numbers(m.Groups[1].Value)).ToList();

        var participants = Int("nBusiness");
        var meetings = Int("nMeetings");
        var slots = Int("nTotalSlots");
        var morning = Int("nMorningSlots");
        var all = slots == 64 ? ulong.MaxValue : (1UL << slots) - 1;
        var morningMask = (1UL << morning) - 1;
        var requested = Numbers(Block("requested") ?? throw new InvalidDataException("no 'requested'."));
        var fixedSlots = Block("fixed") is { } f ? Numbers(f) : new int[meetings];
        // Numbers out of range would fail deep in the solver: say which line of the file is wrong instead.
        static void Check(bool ok, Func<string> what)
        {
            if (!ok)
            {
                throw new InvalidDataException(what());
            }
        }
        Check(slots is >= 1 and <= ScheduleProblem.MaxSlots, () => $"nTotalSlots is {slots}; 1 to {ScheduleProblem.MaxSlots} are supported.");
        Check(morning >= 0 && morning <= slots, () => $"nMorningSlots is {morning}, of {slots} slots.");
        Check(requested.Length >= 3 * meetings, () => $"'requested' has {requested.Length / 3} meetings; nMeetings says {meetings}.");
        Check(fixedSlots.Length >= meetings, () => $"'fixed' has {fixedSlots.Length} entries for {meetings} meetings.");
        for (var m = 0; m < meetings; m++)
        {
            var (a, b, at) = (requested[3 * m], requested[3 * m + 1], fixedSlots[m]);
            Check(a >= 1 && a <= participants && b >= 1 && b <= participants && a != b,
                () => $"meeting {m + 1} is between participants {a} and {b}, of 1 to {participants}.");
            Check(at >= 0 && at <= slots, () => $"meeting {m + 1} is fixed in slot {at}, of 1 to {slots}.");
        }
        var specs = Enumerable.Range(0, meetings).Select(m => new MeetingSpec(
            requested[3 * m] - 1,
            requested[3 * m + 1] - 1,
            requested[3 * m + 2] switch { 1 => morningMask, 2 => all & ~morningMask, _ => all },
            fixedSlots[m] > 0 ? fixedSlots[m] - 1 : null)).ToList();
        var unavailable = new ulong[participants];
        if (Block("forbidden") is { } forbidden)
        {
            var sets = Sets(forbidden);
            for (var p = 0; p < participants && p < sets.Count; p++)
            {
                foreach (var slot in sets[p].Where(s => s > 0))
                {
                    Check(slot <= slots, () => $"participant {p + 1} is unavailable in slot {slot}, of 1 to {slots}.");
                    unavailable[p] |= 1UL << (slot - 1);
                }
            }
        }
        var precedences = new List<(int, int)>();
        if (Block("precedences") is { } before)
        {
            var sets = Sets(before);
            for (var m = 0; m < meetings && m < sets.Count; m++)
            {
                Check(sets[m].All(e => e <= meetings), () => $"meeting {m + 1} must follow meeting {sets[m].Max()}, of 1 to {meetings}.");
                precedences.AddRange(sets[m].Where(e => e > 0).Select(e => (e - 1, m)));
            }
        }
        return new ScheduleProblem(slots, Int("nTables"), unavailable, specs, precedences, new int[participants]);
    }

    private static string BestKnown(string file, string name)
    {
        var table = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, "best-known.tsv");
        if (!File.Exists(table))
        {
            return "-";
        }
        var row = File.ReadLines(table).Select(l => l.Split('\t')).FirstOrDefault(c => c[0] == name);
        return row is null || row.Length < 7 ? "-" : row[6];
    }

    [GeneratedRegex(@"-?\d+")]
    private static partial Regex Number();

    [GeneratedRegex(@"\{([^}]*)\}")]
    private static partial Regex Set();
}
