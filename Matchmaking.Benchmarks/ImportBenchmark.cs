using System.Diagnostics;
using System.Text;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Storage;

namespace Matchmaking.Benchmarks;

/// <summary>How long a full-size participant import takes end to end, first as inserts, then as updates.</summary>
public static class ImportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length >= 2 && args[0] == "--participants" ? int.Parse(args[1]) : ProfileLimits.MaxImportRows;
        await using var temp = await TempDatabase.CreateAsync("bench");
        var (events, participants) = (temp.Events, temp.Participants);
        var spec = new EventSpec("Benchmark", "", EventFormat.Matchmaking, "Europe/Madrid",
            [new EventSession("day", new DateTime(2027, 3, 18, 9, 0, 0), new DateTime(2027, 3, 18, 18, 0, 0))], 20, 5, 150,
            new MeetingRules(true, null, null));
        var eventId = (await events.CreateAsync("bench", spec)).Value!.Id;
        var csv = Generate(count);
        Console.WriteLine($"{count} participants, {csv.Length / 1024.0 / 1024.0:F1} MB of CSV");
        Console.WriteLine($"{"pass",-10} {"parse+validate s",17} {"store s",9} {"rows/s",9}");

        foreach (var pass in new[] { "insert", "update" })
        {
            var clock = Stopwatch.StartNew();
            var errors = new ValidationErrors();
            var rows = ParticipantCsv.Read(new MemoryStream(csv), errors);
            var profiles = ParticipantImport.Validate(rows, new ParticipantBounds(SlotPlanner.Plan(spec).Count, spec.Tables), errors);
            if (!errors.IsEmpty)
            {
                throw new InvalidOperationException("Generated data does not validate.");
            }
            var parsed = clock.Elapsed;
            await participants.ImportAsync(eventId, profiles);
            var total = clock.Elapsed;
            Console.WriteLine($"{pass,-10} {parsed.TotalSeconds,17:F3} {(total - parsed).TotalSeconds,9:F3} {count / total.TotalSeconds,9:F0}");
        }
        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:F0} MB");
        return 0;
    }

    private static byte[] Generate(int count)
    {
        var random = new Random(42);
        string[] sectors = ["agrifood", "wood", "metalworking", "logistics", "tourism"];
        var csv = new StringBuilder(string.Join(',', ParticipantCsv.Columns)).Append('\n');
        for (var i = 0; i < count; i++)
        {
            var tech = i % 2 == 0;
            csv.Append($"bench-{i},Organisation {i},Contact {i},contact{i}@org{i}.example,")
                .Append(tech ? "tech-provider,software," : $"traditional-sme,{sectors[i % sectors.Length]},")
                .Append("ES,es;en,")
                .Append(tech ? $"\"Software number {i} that plans routes, counts stock and forecasts demand.\"," : ",")
                .Append(tech ? "," : $"\"We waste hours every week on task {random.Next(1000)} and lose track of orders.\",")
                .Append($"\"A company founded in {1950 + random.Next(70)}.\",tag{i % 40};tag{i % 7},{random.Next(8)},{3 + random.Next(6)},\n");
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
