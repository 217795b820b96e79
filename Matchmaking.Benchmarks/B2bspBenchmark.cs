using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Matchmaking.Core.Scheduling;

namespace Matchmaking.Benchmarks;

/// <summary>
/// The B2B meeting scheduling problem instances (MiniZinc .dzn, see ../shared/b2bsp/README.md) scheduled with the same
/// Core code the API uses; prints holes, spread and seconds per instance next to the best-known holes.
/// </summary>
public static class B2bspBenchmark
{
    public static int Run(string[] args)
    {
        const string Usage = "usage: b2bsp FILE.dzn|DIR... [--out DIR] [--seconds S] [--runs N]";
        var files = new List<string>();
        string? output = null;
        var seconds = 1.8;
        var runs = 1;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[i + 1] : null;
            var ok = args[i] switch
            {
                "--out" => (output = value) is not null,
                "--seconds" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds > 0,
                "--runs" => int.TryParse(value, CultureInfo.InvariantCulture, out runs) && runs > 0,
                _ => false,
            };
            if (ok)
            {
                i++;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"{$"{args[i]} {value}".Trim()}: not understood. {Usage}");
                return 2;
            }
            else if (Directory.Exists(args[i]))
            {
                // A folder stands for the instances in it.
                files.AddRange(Directory.GetFiles(args[i], "*.dzn").Order(StringComparer.Ordinal));
            }
            else
            {
                files.Add(args[i]);
            }
        }
        if (files.Count == 0)
        {
            Console.Error.WriteLine(Usage);
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
                problem = B2bspFile.Read(File.ReadAllText(file));
            }
            catch (Exception e) when (e is InvalidDataException or IOException or FormatException or OverflowException)
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
                var runsText = int.TryParse(BestKnown(file, name), out var known)
                    ? $", best known ({known}) in {holes.Count(h => h <= known)} of {holes.Count} runs"
                    : $" over {holes.Count} runs";
                Console.WriteLine($"{name,-26} holes {holes.Min()}-{holes.Max()}, mean {holes.Average():F2}{runsText}");
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
}
