using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Matchmaking.Core.Embeddings;
using Matchmaking.Core.Matching;
using Matchmaking.Core.Profiles;

namespace Matchmaking.Core.Scoring;

/// <summary>
/// Participants with judged pairs, read from data/: an event JSON, a participant CSV (the import format) and a judgement
/// CSV with columns <c>sme,tech[,label]</c> (externalIds; without a label column every listed pair is a right partner, grade 3).
/// Pairs not listed are grade 0.
/// </summary>
public sealed record LabelledSet(string Name, EventSpec Event, IReadOnlyList<ParticipantProfile> Participants, IReadOnlyDictionary<(string Seeker, string Provider), int> Grades)
{
    /// <summary>A folder with event.json, participants.csv and pairs.csv (graded) or relevant.csv (right partners).</summary>
    public static LabelledSet LoadFolder(string folder)
    {
        var judgements = Path.Combine(folder, "pairs.csv");
        return Load(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), Path.Combine(folder, "event.json"), Path.Combine(folder, "participants.csv"),
            File.Exists(judgements) ? judgements : Path.Combine(folder, "relevant.csv"));
    }

    public static LabelledSet Load(string name, string eventFile, string participantsFile, string judgementsFile)
    {
        var errors = new ValidationErrors();
        var input = JsonSerializer.Deserialize<EventInput>(File.ReadAllText(eventFile), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var spec = EventValidator.Validate(input, errors);
        IReadOnlyList<ParticipantProfile> profiles = [];
        if (spec is not null)
        {
            using var csv = File.OpenRead(participantsFile);
            profiles = ParticipantImport.Validate(ParticipantCsv.Read(csv, errors), new ParticipantBounds(SlotPlanner.Plan(spec).Count, spec.Tables), errors);
        }
        if (!errors.IsEmpty)
        {
            throw new InvalidDataException($"{name} does not validate: " + string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {e.Value[0]}")));
        }
        var known = profiles.Where(p => p.ExternalId is not null).ToDictionary(p => p.ExternalId!);
        var grades = new Dictionary<(string, string), int>();
        using (var reader = CsvReader.Create(File.OpenRead(judgementsFile), new CsvReaderOptions { Separator = ',', TrimWhitespace = true }))
        {
            var hasLabel = reader.TryGetFieldIndex("label", out var labelIndex);
            var seekerIndex = reader.GetFieldIndex("sme");
            var providerIndex = reader.GetFieldIndex("tech");
            while (reader.Read())
            {
                var seeker = reader.GetString(seekerIndex);
                var provider = reader.GetString(providerIndex);
                if (!known.ContainsKey(seeker) || !known.ContainsKey(provider))
                {
                    throw new InvalidDataException($"{judgementsFile}: unknown participant in pair {seeker},{provider}.");
                }
                grades[(seeker, provider)] = hasLabel ? int.Parse(reader.GetString(labelIndex), CultureInfo.InvariantCulture) : 3;
            }
        }
        return new LabelledSet(name, spec!, profiles, grades);
    }

    /// <summary>The participants whose needs the judgements are about (traditional SMEs).</summary>
    public IEnumerable<ParticipantProfile> Seekers => Participants.Where(p => p.Role == ParticipantRole.TraditionalSme);

    /// <summary>Everyone a seeker may be suggested, under the event's rules.</summary>
    public IEnumerable<ParticipantProfile> ProvidersFor(ParticipantProfile seeker) =>
        Participants.Where(p => p != seeker && Sides.CanMeet(seeker.Role, p.Role, Event.Rules.CrossSideOnly));

    public int Grade(ParticipantProfile seeker, ParticipantProfile provider) =>
        Grades.TryGetValue((seeker.ExternalId!, provider.ExternalId!), out var grade) ? grade : 0;

    /// <summary>Embeds every profile and the topic.</summary>
    public async Task<(Dictionary<ParticipantProfile, ScoredProfile> Profiles, float[]? Topic)> EmbedAsync(EmbeddingIndex index)
    {
        await index.EnsureAsync(Participants.SelectMany(ProfileVectors.Texts).Append(Event.Topic));
        var scored = new Dictionary<ParticipantProfile, ScoredProfile>(ReferenceEqualityComparer.Instance);
        foreach (var profile in Participants)
        {
            scored[profile] = new ScoredProfile(profile, await index.ProfileAsync(profile));
        }
        return (scored, (await index.TextAsync(Event.Topic)).Mean);
    }

    /// <summary>Every seeker-provider pair with its features and grade: the trainer's examples.</summary>
    public async Task<List<LabelledPair>> LabelledPairsAsync(EmbeddingIndex index)
    {
        var (profiles, topic) = await EmbedAsync(index);
        var pairs = new List<LabelledPair>();
        foreach (var seeker in Seekers)
        {
            var providers = ProvidersFor(seeker).ToList();
            var features = providers.Select(p => FeatureExtractor.Compute(profiles[seeker], profiles[p], topic).Features).ToArray();
            FeatureExtractor.AddContext(features);
            pairs.AddRange(providers.Select((p, i) => new LabelledPair(features[i], Grade(seeker, p))));
        }
        return pairs;
    }
}
