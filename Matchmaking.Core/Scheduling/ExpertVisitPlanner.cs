using Matchmaking.Core.Matching;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Scoring;

namespace Matchmaking.Core.Scheduling;

/// <summary>One expert's visit to the SME: when, the SME need it is there for, how well its offer meets it, and why.</summary>
public sealed record PlannedVisit(long ExpertId, int Slot, string Need, float Similarity, IReadOnlyList<SuggestionReason> Reasons);

/// <summary>An SME need no chosen expert covers (best similarity below <see cref="NeedCoverage.CoveredThreshold"/>).</summary>
public sealed record UncoveredNeed(string Need, float BestSimilarity);

/// <summary>A planned expert visit: back-to-back visits, the needs left uncovered and the coverage value reached.</summary>
/// <param name="Coverage">Sum over the SME's distinct needs of the best similarity of a chosen expert (the objective).</param>
public sealed record ExpertVisitPlan(long SmeId, IReadOnlyList<PlannedVisit> Visits, IReadOnlyList<UncoveredNeed> Uncovered, double Coverage, int NeedCount);

/// <summary>
/// Plans a digital expert visit to one SME: splits its needs into distinct needs, chooses experts for coverage
/// (greedy facility location: each next expert adds the most uncovered value) and places their visits back to back, in
/// consecutive slots of one session where the SME and each expert are free. Every run of free slots is tried; the one
/// whose experts cover the needs best wins, the earliest on ties. Pure.
/// </summary>
public static class ExpertVisitPlanner
{
    /// <param name="busy">Slots each participant cannot take: unavailable, or already in a meeting or another visit.</param>
    /// <exception cref="SchedulingException">The SME has no distinct needs, or no run of slots fits the visits.</exception>
    public static ExpertVisitPlan Plan(Candidate sme, IReadOnlyList<Candidate> experts, int count, IReadOnlyList<Slot> slots,
        IReadOnlyDictionary<long, IReadOnlySet<int>> busy, float[]? topic, IPairScorer scorer)
    {
        var needs = NeedCoverage.Distinct(sme.Profile.Vectors.Needs);
        if (needs.Count == 0)
        {
            throw new SchedulingException($"Participant {sme.Id} states no needs for experts to cover.");
        }
        var pool = experts.Where(e => e.Id != sme.Id
            && !string.Equals(e.Profile.Profile.Organization, sme.Profile.Profile.Organization, StringComparison.OrdinalIgnoreCase)).ToList();
        var matches = pool.Select(e => NeedCoverage.Similarities(needs, e.Profile.Vectors.Offers)).ToList();
        var similarity = matches.Select(m => m.Select(x => x.Similarity).ToArray()).ToList();
        bool Free(long id, int slot) => !busy.TryGetValue(id, out var taken) || !taken.Contains(slot);

        (List<int> Chosen, double Value, int[] Window)? best = null;
        foreach (var window in Windows(slots, count, slot => Free(sme.Id, slot)))
        {
            var (chosen, value) = NeedCoverage.Greedy(similarity, needs.Count, count,
                (already, e) => Assign([.. already, e], window, (x, slot) => Free(pool[x].Id, slot)) is not null);
            if (chosen.Count == count && (best is null || value > best.Value.Value + 1e-6))
            {
                best = (chosen, value, window);
            }
        }
        if (best is not { } found)
        {
            throw new SchedulingException(
                $"No {count} consecutive slots of one session are free for participant {sme.Id} with {count} experts free in them; " +
                "ask for fewer experts, or free some slots.");
        }

        var slotOf = Assign(found.Chosen, found.Window, (x, slot) => Free(pool[x].Id, slot))!;
        var cover = new float[needs.Count];
        var coveredBy = new int[needs.Count];
        Array.Fill(coveredBy, -1);
        foreach (var e in found.Chosen)
        {
            for (var n = 0; n < needs.Count; n++)
            {
                if (similarity[e][n] > cover[n] + 1e-6f)
                {
                    (cover[n], coveredBy[n]) = (similarity[e][n], e);
                }
            }
        }

        var visits = new List<PlannedVisit>();
        var pairs = found.Chosen.Select(e => FeatureExtractor.Compute(sme.Profile, pool[e].Profile, topic)).ToList();
        var explained = scorer.Explain(pairs.Select(p => p.Features).ToList(), topFeatures: 2 * SuggestionRanker.MaxFeatureReasons);
        for (var i = 0; i < found.Chosen.Count; i++)
        {
            var e = found.Chosen[i];
            // The need it is there for: the one it covers best among those it covers better than the others.
            var own = Enumerable.Range(0, needs.Count).Where(n => coveredBy[n] == e).ToList();
            var unique = own.Count > 0;
            var need = (unique ? own : Enumerable.Range(0, needs.Count)).MaxBy(n => similarity[e][n]);
            var (needSimilarity, offer) = matches[e][need];
            var evidence = pairs[i].Evidence with
            {
                NeedOffer = offer >= 0 ? (needs[need].Sentence, offer, needSimilarity) : pairs[i].Evidence.NeedOffer,
            };
            var reasons = SuggestionRanker.Reasons(true, sme.Profile, pool[e].Profile, evidence, explained[i]).ToList();
            if (unique)
            {
                reasons.Insert(1, new SuggestionReason("coverage", own.Count == 1
                    ? $"Of the experts visiting you, they are the closest to your need “{needs[need].Text}”."
                    : $"Of the experts visiting you, they are the closest to {own.Count} of your needs, such as “{needs[need].Text}”."));
            }
            visits.Add(new PlannedVisit(pool[e].Id, slotOf[i], needs[need].Text, MathF.Round(needSimilarity, 3), reasons));
        }
        var uncovered = Enumerable.Range(0, needs.Count).Where(n => cover[n] < NeedCoverage.CoveredThreshold)
            .Select(n => new UncoveredNeed(needs[n].Text, MathF.Round(cover[n], 3))).ToList();
        return new ExpertVisitPlan(sme.Id, visits.OrderBy(v => v.Slot).ToList(), uncovered, Math.Round(found.Value, 4), needs.Count);
    }

    /// <summary>Runs of <paramref name="length"/> consecutive slots of one session, all free for the host, earliest first.</summary>
    public static IEnumerable<int[]> Windows(IReadOnlyList<Slot> slots, int length, Func<int, bool> free)
    {
        for (var start = 0; start + length <= slots.Count; start++)
        {
            var window = Enumerable.Range(start, length).ToArray();
            if (window.All(s => slots[s].Session == slots[start].Session && free(s)))
            {
                yield return window;
            }
        }
    }

    /// <summary>A slot of the window for each member, each slot once, every member free in its own (augmenting paths); null if none.</summary>
    public static int[]? Assign(IReadOnlyList<int> members, int[] window, Func<int, int, bool> free)
    {
        var holder = new int[window.Length];
        Array.Fill(holder, -1);
        for (var m = 0; m < members.Count; m++)
        {
            if (!Augment(m, new bool[window.Length]))
            {
                return null;
            }
        }
        var slotOf = new int[members.Count];
        for (var w = 0; w < window.Length; w++)
        {
            if (holder[w] >= 0)
            {
                slotOf[holder[w]] = window[w];
            }
        }
        return slotOf;

        bool Augment(int m, bool[] seen)
        {
            for (var w = 0; w < window.Length; w++)
            {
                if (seen[w] || !free(members[m], window[w]))
                {
                    continue;
                }
                seen[w] = true;
                if (holder[w] < 0 || Augment(holder[w], seen))
                {
                    holder[w] = m;
                    return true;
                }
            }
            return false;
        }
    }
}
