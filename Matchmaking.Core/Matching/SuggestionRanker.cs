using Matchmaking.Core.Embeddings;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Scoring;

namespace Matchmaking.Core.Matching;

/// <summary>A participant that could be suggested: its id and what the scorer needs of it.</summary>
public sealed record Candidate(long Id, ScoredProfile Profile);

/// <summary>One reason for a suggestion, in plain words, with the evidence behind it.</summary>
/// <param name="Kind"><c>their-offer-your-need</c>, <c>your-offer-their-need</c> or <c>feature</c>.</param>
/// <param name="Text">The sentence shown to people.</param>
/// <param name="Yours">The asker's sentence the reason rests on, if any.</param>
/// <param name="Theirs">The partner's sentence, if any.</param>
/// <param name="Similarity">Cosine similarity of the two sentences.</param>
/// <param name="Feature">The scoring feature, for <c>feature</c> reasons.</param>
/// <param name="Weight">How much the feature raised the score.</param>
public sealed record SuggestionReason(string Kind, string Text, string? Yours = null, string? Theirs = null,
    float? Similarity = null, string? Feature = null, float? Weight = null);

public sealed record Suggestion(long ParticipantId, ParticipantProfile Profile, float Score, IReadOnlyList<SuggestionReason> Reasons);

/// <summary>Ranks the partners of one participant by pair score and explains the best ones. Pure.</summary>
public static class SuggestionRanker
{
    /// <summary>Below this similarity the reverse direction (asker's offer vs partner's need) is not shown as a reason.</summary>
    public const float ReverseReasonThreshold = 0.3f;

    /// <summary>From this similarity on, an offer sentence is said to answer a need; below it, only to relate to it.</summary>
    public const float AnswersThreshold = 0.5f;

    public const int MaxFeatureReasons = 3;

    public static IReadOnlyList<Suggestion> Rank(
        long? askerId,
        ScoredProfile asker,
        IReadOnlyList<Candidate> candidates,
        float[]? topic,
        MeetingRules rules,
        IPairScorer scorer,
        int limit,
        IReadOnlySet<long>? excluded = null,
        IReadOnlySet<long>? wished = null)
    {
        var eligible = new List<(Candidate Candidate, bool AskerSeeks, PairFeatures Features, PairEvidence Evidence)>(candidates.Count);
        foreach (var candidate in candidates)
        {
            var profile = candidate.Profile.Profile;
            if (candidate.Id == askerId
                || excluded?.Contains(candidate.Id) == true
                || string.Equals(profile.Organization, asker.Profile.Organization, StringComparison.OrdinalIgnoreCase)
                || !Sides.CanMeet(asker.Profile.Role, profile.Role, rules.CrossSideOnly))
            {
                continue;
            }
            var askerSeeks = Sides.IsSeeker(asker.Profile.Role, profile.Role);
            var (pair, evidence) = askerSeeks
                ? FeatureExtractor.Compute(asker, candidate.Profile, topic, wished?.Contains(candidate.Id) == true)
                : FeatureExtractor.Compute(candidate.Profile, asker, topic, wished?.Contains(candidate.Id) == true);
            eligible.Add((candidate, askerSeeks, pair, evidence));
        }

        var features = eligible.Select(e => e.Features).ToArray();
        FeatureExtractor.AddContext(features);
        var scores = scorer.Score(features);
        var best = new TopK<int>(limit);
        for (var i = 0; i < scores.Length; i++)
        {
            best.Add(i, scores[i]);
        }
        var top = best.ToList();
        var explained = scorer.Explain(top.Select(t => features[t.Item]).ToList(), topFeatures: 2 * MaxFeatureReasons);

        var suggestions = new List<Suggestion>(top.Count);
        for (var r = 0; r < top.Count; r++)
        {
            var (candidate, askerSeeks, _, evidence) = eligible[top[r].Item];
            var reasons = Reasons(askerSeeks, asker, candidate.Profile, evidence, explained[r]);
            suggestions.Add(new Suggestion(candidate.Id, candidate.Profile.Profile, top[r].Score, reasons));
        }
        return suggestions;
    }

    /// <summary>
    /// The reasons for one pair, from the asker's side: the closest need/offer sentences (and the reverse where it
    /// reaches <see cref="ReverseReasonThreshold"/>), then the features that raised the score most, in plain words.
    /// Never empty.
    /// </summary>
    public static IReadOnlyList<SuggestionReason> Reasons(bool askerSeeks, ScoredProfile asker, ScoredProfile partner, PairEvidence evidence, PairScore explained)
    {
        var seeker = askerSeeks ? asker : partner;
        var provider = askerSeeks ? partner : asker;
        var reasons = new List<SuggestionReason>();
        if (evidence.NeedOffer is { } needOffer)
        {
            reasons.Add(SentenceReason(askerSeeks, seeker.Vectors.Needs.Sentences[needOffer.Seeker], provider.Vectors.Offers.Sentences[needOffer.Provider], needOffer.Similarity, seekerNeeds: true));
        }
        if (evidence.OfferNeed is { } offerNeed && (offerNeed.Similarity >= ReverseReasonThreshold || reasons.Count == 0))
        {
            reasons.Add(SentenceReason(askerSeeks, seeker.Vectors.Offers.Sentences[offerNeed.Seeker], provider.Vectors.Needs.Sentences[offerNeed.Provider], offerNeed.Similarity, seekerNeeds: false));
        }
        // Several features can say the same thing in plain words; each sentence is shown once, with their summed share.
        foreach (var said in explained.TopFeatures
            .GroupBy(f => Describe(f.Feature, askerSeeks, asker.Profile, partner.Profile))
            .Select(g => (Text: g.Key, Feature: g.First().Feature, Weight: g.Sum(f => f.Weight)))
            .OrderByDescending(g => g.Weight).Take(MaxFeatureReasons))
        {
            reasons.Add(new SuggestionReason("feature", said.Text, Feature: said.Feature, Weight: MathF.Round(said.Weight, 3)));
        }
        if (reasons.Count == 0)
        {
            reasons.Add(new SuggestionReason("feature", "Their role complements yours; their profile says little that could be compared with yours."));
        }
        return reasons;
    }

    /// <summary>A sentence reason, phrased from the asker's side of the pair.</summary>
    private static SuggestionReason SentenceReason(bool askerSeeks, string seekerSentence, string providerSentence, float similarity, bool seekerNeeds)
    {
        // seekerNeeds: the seeker's need met by the provider's offer; otherwise the seeker's offer meeting the provider's need.
        var askerNeeds = askerSeeks == seekerNeeds;
        var yours = askerSeeks ? seekerSentence : providerSentence;
        var theirs = askerSeeks ? providerSentence : seekerSentence;
        return askerNeeds ? TheirOfferYourNeed(yours, theirs, MathF.Round(similarity, 3)) : YourOfferTheirNeed(yours, theirs, MathF.Round(similarity, 3));
    }

    /// <summary>
    /// A reason as the other participant of the pair reads it: "your" and "their" swap. <paramref name="askerSeeks"/> is
    /// what <see cref="Reasons"/> was given (schedules store their reasons for the seeker: true). Reasons that read the same
    /// from both sides come back as they are.
    /// </summary>
    public static SuggestionReason ForPartner(SuggestionReason reason, bool askerSeeks) => reason switch
    {
        { Kind: "their-offer-your-need", Yours: { } yours, Theirs: { } theirs, Similarity: { } similarity } => YourOfferTheirNeed(theirs, yours, similarity),
        { Kind: "your-offer-their-need", Yours: { } yours, Theirs: { } theirs, Similarity: { } similarity } => TheirOfferYourNeed(theirs, yours, similarity),
        { Kind: "feature", Feature: { } feature } when Sided(feature, !askerSeeks) is { } text => reason with { Text = text },
        _ => reason,
    };

    private static SuggestionReason TheirOfferYourNeed(string yours, string theirs, float similarity) =>
        new("their-offer-your-need", $"Their offer “{theirs}” {Verb(similarity)} your need “{yours}”.", yours, theirs, similarity);

    private static SuggestionReason YourOfferTheirNeed(string yours, string theirs, float similarity) =>
        new("your-offer-their-need", $"Your offer “{yours}” {Verb(similarity)} their need “{theirs}”.", yours, theirs, similarity);

    // The verb follows the evidence: people stop trusting reasons that oversell weak matches.
    private static string Verb(float similarity) =>
        similarity >= AnswersThreshold ? "answers" : similarity >= ReverseReasonThreshold ? "relates to" : "is the closest, if weak, match to";

    private static string Describe(string feature, bool askerSeeks, ParticipantProfile asker, ParticipantProfile partner) => Sided(feature, askerSeeks) ?? feature switch
    {
        nameof(PairFeatures.DescriptionSimilarity) => "Your organisations describe themselves in similar terms.",
        nameof(PairFeatures.SharedTags) => $"You share the tags {string.Join(", ", asker.Tags.Intersect(partner.Tags, StringComparer.OrdinalIgnoreCase))}.",
        nameof(PairFeatures.CommonLanguage) => asker.Languages.Intersect(partner.Languages).ToList() is { Count: > 0 } shared
            ? $"You can talk in {string.Join(" or ", shared)}."
            : "Neither of you listed a language, so language is no obstacle on paper.",
        nameof(PairFeatures.SameCountry) => $"You are both based in {asker.Country}.",
        nameof(PairFeatures.Wish) => "One of you asked for this meeting.",
        _ => feature,
    };

    /// <summary>The plain words for a feature whose sentence depends on which side reads it; null for the others.</summary>
    private static string? Sided(string feature, bool askerSeeks) => feature switch
    {
        nameof(PairFeatures.NeedOfferBestGap) or nameof(PairFeatures.NeedOfferBestZ) or nameof(PairFeatures.NeedOfferMeanGap) or nameof(PairFeatures.NeedOfferMeanZ)
            or nameof(PairFeatures.NeedOfferWholeGap) or nameof(PairFeatures.NeedOfferWholeZ) or nameof(PairFeatures.NeedCoverageGap) or nameof(PairFeatures.NeedCoverageZ) => askerSeeks
            ? "Of everyone here, their offer is among the closest to what you need."
            : "Of everyone here, what you offer is among the closest to what they need.",
        nameof(PairFeatures.OfferNeedBestGap) or nameof(PairFeatures.OfferNeedBestZ) => askerSeeks
            ? "Of everyone here, what you offer is among the closest to what they are looking for."
            : "Of everyone here, their offer is among the closest to what you are looking for.",
        nameof(PairFeatures.NeedCoverage) => askerSeeks
            ? "Their offer speaks to each of the needs you listed."
            : "What you offer speaks to each of the needs they listed.",
        nameof(PairFeatures.NeedOfferBest) or nameof(PairFeatures.NeedOfferMean) or nameof(PairFeatures.NeedOfferWhole) => askerSeeks
            ? "What they offer is close in meaning to what you need."
            : "What you offer is close in meaning to what they need.",
        nameof(PairFeatures.OfferNeedBest) or nameof(PairFeatures.OfferNeedMean) or nameof(PairFeatures.OfferNeedWhole) => askerSeeks
            ? "What you offer is close in meaning to what they are looking for."
            : "What they offer is close in meaning to what you are looking for.",
        nameof(PairFeatures.SeekerTopic) => askerSeeks ? "Your profile is close to the event's topic." : "Their profile is close to the event's topic.",
        nameof(PairFeatures.ProviderTopic) => askerSeeks ? "Their profile is close to the event's topic." : "Your profile is close to the event's topic.",
        _ => null,
    };
}
