using System.Collections.Frozen;
using System.Text.Json;

namespace Matchmaking.Core.Profiles;

/// <summary>Kebab-case names of enum values as they appear in JSON, CSV and the database.</summary>
public static class WireNames
{
    public static string ToWire<T>(this T value) where T : struct, Enum => Names<T>.ByValue[value];

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        return text is not null && Names<T>.ByName.TryGetValue(text.Trim(), out value);
    }

    public static T Parse<T>(string text) where T : struct, Enum =>
        TryParse<T>(text, out var value) ? value : throw new FormatException($"'{text}' is not a {typeof(T).Name}.");

    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Names<T>.Ordered;

    private static class Names<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ByValue =
            Enum.GetValues<T>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));

        public static readonly FrozenDictionary<string, T> ByName =
            ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

        public static readonly string[] Ordered = Enum.GetValues<T>().Select(v => ByValue[v]).ToArray();
    }
}
