using System.Diagnostics;
using System.Globalization;
using Matchmaking.Core.Embeddings;
using Matchmaking.Core.Matching;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Scheduling;
using Matchmaking.Core.Storage;

namespace Matchmaking.Benchmarks;

/// <summary>
/// The other event formats through the real stack (SQLite, embedding cache, scorer, services): a generated
/// 300-participant hackathon formed into teams, and 50 expert-visit plans in one generated expert-visits event.
/// </summary>
public static class FormatsBenchmark
{
    private static readonly string[] Problems =
    [
        "orders get lost between the phone and the workshop", "the cold room temperature drifts at night", "machines stop without warning",
        "trucks come back half empty", "rooms stay empty in winter", "we throw away too much unsold bread", "the harvest is picked at the wrong moment",
        "paperwork for inspections takes days", "energy bills doubled", "we cannot find staff for weekend shifts", "returns from customers pile up",
        "our stock counts never match the books", "the kiln burns more gas than it should", "animals fall ill before we notice", "water for irrigation runs short",
    ];

    private static readonly string[] Solutions =
    [
        "order capture that syncs with production planning", "wireless temperature loggers with night alarms", "vibration monitoring that predicts failures",
        "route planning that fills return trips", "dynamic pricing and channel management for hotels", "demand forecasting from sales history and weather",
        "ripeness estimation from camera images", "document automation for audits", "energy metering with savings advice", "staff scheduling with availability matching",
        "returns management for small shops", "inventory tracking with barcode scanning", "combustion tuning for industrial kilns", "health collars for cattle",
        "soil moisture sensing for irrigation",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var at = Array.IndexOf(args, "--seconds");
        var seconds = at >= 0 && at + 1 < args.Length ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : 10;
        await using var temp = await TempDatabase.CreateAsync("formats");
        var database = temp.Database;
        var (events, participants) = (temp.Events, temp.Participants);
        using var embedder = new MiniLmEmbedder();
        var index = new EmbeddingIndex(embedder, new EmbeddingStore(database));
        var scorer = Repository.Scorer();
        var suggestions = new SuggestionService(participants, null, index, scorer);
        var schedules = new ScheduleStore(database, TimeProvider.System);

        Console.WriteLine("## Hackathon: 300 participants (100 traditional SMEs, 170 tech providers, 30 experts), teams of 5");
        var hackathon = (await events.CreateAsync("bench", Spec("Hackathon", EventFormat.Hackathon))).Value!;
        var clock = Stopwatch.StartNew();
        await participants.ImportAsync(hackathon.Id, Generate(100, 170, 30, new Random(5)));
        var embedded = await index.EnsureAsync((await participants.ListAllAsync(hackathon.Id)).SelectMany(p => ProfileVectors.Texts(p.Profile)));
        var embedding = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var teams = await new TeamService(new TeamStore(database, TimeProvider.System), suggestions).FormAsync(hackathon, 5, null, seconds);
        var forming = clock.Elapsed.TotalSeconds;
        var o = teams.Objective;
        var sizes = teams.Teams.Select(t => t.Team.Members.Count).ToList();
        Console.WriteLine($"| {"measure",-48} | {"value",-28} |");
        Console.WriteLine($"|{new string('-', 50)}|{new string('-', 30)}|");
        Console.WriteLine($"| {"import + embedding (" + embedded + " sentences)",-48} | {embedding,26:F1} s |");
        Console.WriteLine($"| {"teams formed and stored (CP-SAT budget " + seconds + " s)",-48} | {forming,26:F1} s |");
        Console.WriteLine($"| {"teams, sizes",-48} | {$"{teams.Teams.Count}, {sizes.Min()}-{sizes.Max()}",28} |");
        Console.WriteLine($"| {"objective value (total + 0.5 x teams x weakest)",-48} | {o.Value,28:F3} |");
        Console.WriteLine($"| {"total fit / weakest team fit",-48} | {$"{o.TotalFit:F3} / {o.WeakestTeamFit:F3}",28} |");
        Console.WriteLine($"| {"solver bound, status",-48} | {$"{o.Bound:F3}, {o.Status}",28} |");
        Console.WriteLine($"| {"best total fit of any valid teams (min-cost flow)",-48} | {o.BestTotalFit,28:F3} |");
        Console.WriteLine($"| {"mean member fit",-48} | {teams.Teams.SelectMany(t => t.Team.Members.Skip(1)).Average(m => m.Fit),28:F3} |");

        Console.WriteLine();
        Console.WriteLine("## Expert visits: 50 plans of 3 experts for 50 SMEs, 40 experts, 24 slots");
        var visitsEvent = (await events.CreateAsync("bench", Spec("Expert visits", EventFormat.ExpertVisits))).Value!;
        clock.Restart();
        await participants.ImportAsync(visitsEvent.Id, Generate(50, 0, 40, new Random(6)));
        embedded = await index.EnsureAsync((await participants.ListAllAsync(visitsEvent.Id)).SelectMany(p => ProfileVectors.Texts(p.Profile)));
        embedding = clock.Elapsed.TotalSeconds;
        var service = new ExpertVisitService(new ExpertVisitStore(database, TimeProvider.System), schedules, suggestions);
        var (people, _, _) = await service.ParticipantsAsync(visitsEvent);
        clock.Restart();
        var plans = new List<StoredVisitPlan>();
        var stacked = 0.0;
        foreach (var sme in people.Where(p => p.Profile.Profile.Role == ParticipantRole.TraditionalSme))
        {
            var pool = ExpertVisitService.Pool(people, sme);
            var saved = await service.CreateAsync(visitsEvent, sme, pool, 3);
            if (saved.Value is { } plan)
            {
                plans.Add(plan);
                stacked += StackedCoverage(sme, pool, 3);
            }
            else
            {
                Console.WriteLine($"SME {sme.Id}: {saved.Detail}");
            }
        }
        var planning = clock.Elapsed.TotalSeconds;
        var coverage = plans.Sum(p => p.Coverage);
        var needs = plans.Sum(p => p.NeedCount);
        Console.WriteLine($"| {"measure",-48} | {"value",-28} |");
        Console.WriteLine($"|{new string('-', 50)}|{new string('-', 30)}|");
        Console.WriteLine($"| {"import + embedding (" + embedded + " sentences)",-48} | {embedding,26:F1} s |");
        Console.WriteLine($"| {"50 plans chosen, placed and stored",-48} | {planning,26:F2} s |");
        Console.WriteLine($"| {"plans stored / visits",-48} | {$"{plans.Count} / {plans.Sum(p => p.Visits.Count)}",28} |");
        Console.WriteLine($"| {"objective: coverage summed over plans",-48} | {coverage,28:F3} |");
        Console.WriteLine($"| {"mean coverage per need",-48} | {coverage / needs,28:F3} |");
        Console.WriteLine($"| {"same, 3 experts nearest the whole needs text",-48} | {stacked / needs,28:F3} |");
        Console.WriteLine($"| {"needs left uncovered",-48} | {$"{plans.Sum(p => p.Uncovered.Count)} of {needs}",28} |");
        Console.WriteLine($"| {"peak working set",-48} | {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0,25:F0} MB |");
        return 0;
    }

    /// <summary>The coverage reached by the k experts whose offers are closest to the SME's whole needs text: the baseline.</summary>
    private static double StackedCoverage(Candidate sme, IReadOnlyList<Candidate> pool, int k)
    {
        var needs = NeedCoverage.Distinct(sme.Profile.Vectors.Needs);
        var similarity = pool.Select(e => NeedCoverage.Similarities(needs, e.Profile.Vectors.Offers).Select(s => s.Similarity).ToArray()).ToList();
        var whole = sme.Profile.Vectors.Needs.Whole!;
        var nearest = Enumerable.Range(0, pool.Count)
            .OrderByDescending(e => pool[e].Profile.Vectors.Offers.Whole is { } offer ? System.Numerics.Tensors.TensorPrimitives.Dot(whole, offer) : -1).Take(k);
        return NeedCoverage.Value(similarity, needs.Count, nearest);
    }

    private static EventSpec Spec(string name, EventFormat format) => new(name, "Digital tools for farms, food plants, workshops, hauliers and rural hotels.",
        format, "Europe/Madrid",
        [
            new EventSession("morning", new DateTime(2027, 3, 18, 9, 0, 0), new DateTime(2027, 3, 18, 13, 0, 0)),
            new EventSession("afternoon", new DateTime(2027, 3, 18, 14, 0, 0), new DateTime(2027, 3, 18, 18, 0, 0)),
        ], 20, 0, 50, new MeetingRules(true, null, null));

    /// <summary>SMEs with three distinct problems, tech providers with two solutions, experts with one speciality and one side line.</summary>
    private static List<ParticipantProfile> Generate(int smes, int providers, int experts, Random random)
    {
        string Pick(string[] pool) => pool[random.Next(pool.Length)];
        string Sentence(string text) => char.ToUpperInvariant(text[0]) + text[1..] + ".";
        var profiles = new List<ParticipantProfile>();
        for (var i = 0; i < smes + providers + experts; i++)
        {
            var role = i < smes ? ParticipantRole.TraditionalSme : i < smes + providers ? ParticipantRole.TechProvider : ParticipantRole.Expert;
            var needs = role == ParticipantRole.TraditionalSme
                ? string.Join(" ", Problems.OrderBy(_ => random.Next()).Take(3).Select(p => Sentence(p)))
                : null;
            var offers = role switch
            {
                ParticipantRole.TraditionalSme => "Local products and a pilot site.",
                ParticipantRole.TechProvider => $"We offer {Pick(Solutions)} for small firms. Our team also builds {Pick(Solutions)}.",
                _ => $"Independent advice on {Pick(Solutions)}. Also some experience with {Pick(Solutions)}.",
            };
            profiles.Add(new ParticipantProfile($"p-{i}", $"Org {i}", null, null, role, null, "ES", ["es", "en"], offers, needs, null, [], [], null, null));
        }
        return profiles;
    }
}
