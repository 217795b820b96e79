using System.Globalization;
using Matchmaking.Core.Embeddings;
using Matchmaking.Core.Profiles;

namespace Matchmaking.Core.Agendas;

/// <summary>How agendas word and format what they show; invariant, so an agenda reads the same on every server.</summary>
public static class AgendaText
{
    /// <summary>Profiles can run to 4,000 characters; an agenda line shows this much of the first sentence.</summary>
    public const int SummaryLength = 160;

    /// <summary>The first sentence of a text, cut at a word with an ellipsis when longer than <paramref name="maxLength"/>.</summary>
    public static string? Summary(string? text, int maxLength = SummaryLength)
    {
        var first = SentenceSplitter.Split(text).FirstOrDefault();
        if (first is null || first.Length <= maxLength)
        {
            return first;
        }
        var cut = first.LastIndexOf(' ', maxLength - 1);
        return first[..(cut > maxLength / 2 ? cut : maxLength - 1)].TrimEnd(' ', ',', ';', ':') + "…";
    }

    public static string RoleName(ParticipantRole? role) => role switch
    {
        ParticipantRole.TechProvider => "tech provider",
        ParticipantRole.TraditionalSme => "traditional SME",
        ParticipantRole.Expert => "expert",
        ParticipantRole.Other => "other",
        _ => "unknown",
    };

    /// <summary>ISO 8601 with the event zone's offset, e.g. 2027-03-18T09:00:00+01:00.</summary>
    public static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Clock(DateTimeOffset time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The event's days, e.g. "Thursday 18 March 2027" or "Thursday 18 March 2027, Friday 19 March 2027".</summary>
    public static string Days(EventAgenda agenda) => string.Join(", ", agenda.Days.Select(Day));

    /// <summary>The partner as one line: organisation, contact and role.</summary>
    public static string Describe(AgendaPerson person) =>
        person.ContactName is null ? $"{person.Organization} ({RoleName(person.Role)})" : $"{person.Organization}, {person.ContactName} ({RoleName(person.Role)})";
}
