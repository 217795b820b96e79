using System.Globalization;
using System.Text.RegularExpressions;

namespace Matchmaking.Core.Scheduling;

/// <summary>
/// Reads a B2B meeting scheduling instance in the MiniZinc data format of the literature (nBusiness, nMeetings,
/// nTables, nTotalSlots, nMorningSlots, requested, forbidden, and optionally fixed and precedences): 1-based
/// participants, slots and meetings become 0-based.
/// </summary>
public static partial class B2bspFile
{
    /// <summary>Ranges wider than this are refused rather than expanded (slots and meetings number far fewer).</summary>
    private const int MaxRange = 100_000;

    /// <summary>Far more than any matchmaking event; a larger count is taken for a typo.</summary>
    private const int MaxParticipants = 100_000;

    /// <exception cref="InvalidDataException">A value is missing or out of range; the message says which.</exception>
    public static ScheduleProblem Read(string text)
    {
        // Files written by hand or by other tools carry comments, which may hold numbers.
        text = Comment().Replace(text, " ");
        int Int(string name) => Regex.Match(text, $@"\b{name}\s*=\s*(\d+)\s*;") is { Success: true } m
            ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidDataException($"no '{name} = N;'.");
        string? Value(string name) => Regex.Match(text, $@"\b{name}\s*=\s*(.*?);", RegexOptions.Singleline) is { Success: true } m ? m.Groups[1].Value : null;

        var participants = Int("nBusiness");
        var meetings = Int("nMeetings");
        var slots = Int("nTotalSlots");
        var morning = Int("nMorningSlots");
        var tables = Int("nTables");
        Check(slots is >= 1 and <= ScheduleProblem.MaxSlots, () => $"nTotalSlots is {slots}; 1 to {ScheduleProblem.MaxSlots} are supported.");
        Check(morning <= slots, () => $"nMorningSlots is {morning}, of {slots} slots.");
        Check(participants <= MaxParticipants, () => $"nBusiness is {participants}; at most {MaxParticipants.ToString("N0", CultureInfo.InvariantCulture)} are supported.");
        var all = slots == 64 ? ulong.MaxValue : (1UL << slots) - 1;
        var morningMask = morning == 64 ? ulong.MaxValue : (1UL << morning) - 1;

        // Counts are checked against the lists before anything is sized by them.
        var requested = Numbers(Value("requested") ?? throw new InvalidDataException("no 'requested'."));
        Check(requested.Length == 3L * meetings, () => $"'requested' has {requested.Length} numbers; {meetings} meetings take {3L * meetings}.");
        var fixedSlots = Value("fixed") is { } f ? Numbers(f) : new int[meetings];
        Check(fixedSlots.Length == meetings, () => $"'fixed' has {fixedSlots.Length} entries for {meetings} meetings.");
        var specs = new List<MeetingSpec>(meetings);
        for (var m = 0; m < meetings; m++)
        {
            var (a, b, session, at) = (requested[3 * m], requested[3 * m + 1], requested[3 * m + 2], fixedSlots[m]);
            Check(a >= 1 && a <= participants && b >= 1 && b <= participants && a != b,
                () => $"meeting {m + 1} is between participants {a} and {b}, of 1 to {participants}.");
            Check(session is >= 1 and <= 3, () => $"meeting {m + 1} has session {session}; 1 (morning), 2 (afternoon) or 3 (either).");
            Check(at >= 0 && at <= slots, () => $"meeting {m + 1} is fixed in slot {at}, of 1 to {slots}.");
            var sessionSlots = session switch { 1 => morningMask, 2 => all & ~morningMask, _ => all };
            specs.Add(new MeetingSpec(a - 1, b - 1, sessionSlots, at > 0 ? at - 1 : null));
        }

        var unavailable = new ulong[participants];
        if (Value("forbidden") is { } forbidden)
        {
            var sets = Sets(forbidden);
            Check(sets.Count == participants, () => $"'forbidden' has {sets.Count} sets for {participants} participants.");
            for (var p = 0; p < participants; p++)
            {
                // {0} stands for "none" in some files.
                foreach (var slot in sets[p].Where(s => s != 0))
                {
                    Check(slot >= 1 && slot <= slots, () => $"participant {p + 1} is unavailable in slot {slot}, of 1 to {slots}.");
                    unavailable[p] |= 1UL << (slot - 1);
                }
            }
        }

        var precedences = new List<(int, int)>();
        if (Value("precedences") is { } before)
        {
            var sets = Sets(before);
            Check(sets.Count == meetings, () => $"'precedences' has {sets.Count} sets for {meetings} meetings.");
            for (var m = 0; m < meetings; m++)
            {
                foreach (var earlier in sets[m].Where(e => e != 0))
                {
                    Check(earlier >= 1 && earlier <= meetings, () => $"meeting {m + 1} must follow meeting {earlier}, of 1 to {meetings}.");
                    Check(earlier != m + 1, () => $"meeting {m + 1} must follow itself.");
                    precedences.Add((earlier - 1, m));
                }
            }
        }
        return new ScheduleProblem(slots, tables, unavailable, specs, precedences, new int[participants]);
    }

    private static void Check(bool ok, Func<string> what)
    {
        if (!ok)
        {
            throw new InvalidDataException(what());
        }
    }

    /// <summary>An array's contents: what its outer brackets hold, without an <c>array2d(1..n, 1..3, ...)</c> wrapper's ranges.</summary>
    private static string Body(string value)
    {
        var (open, close) = (value.IndexOf('['), value.LastIndexOf(']'));
        return open >= 0 && close > open ? value[(open + 1)..close] : value;
    }

    private static int[] Numbers(string value) =>
        Number().Matches(Body(value)).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>An array of sets, each written <c>{2, 5..7}</c> or as a bare range <c>5..7</c>: the numbers of each.</summary>
    private static List<int[]> Sets(string value) =>
        SetElement().Matches(Body(value)).Select(element => Members(element.Value)).ToList();

    private static int[] Members(string set) => Member().Matches(set).SelectMany(m =>
    {
        var first = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        if (!m.Groups[2].Success)
        {
            return [first];
        }
        var last = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        Check(last - (long)first < MaxRange, () => $"the range {first}..{last} is too wide.");
        return Enumerable.Range(first, Math.Max(0, last - first + 1));
    }).ToArray();

    [GeneratedRegex(@"%[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"-?\d+")]
    private static partial Regex Number();

    [GeneratedRegex(@"\{[^}]*\}|-?\d+\s*\.\.\s*-?\d+")]
    private static partial Regex SetElement();

    [GeneratedRegex(@"(-?\d+)(?:\s*\.\.\s*(-?\d+))?")]
    private static partial Regex Member();
}
