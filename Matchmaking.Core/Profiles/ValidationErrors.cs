namespace Matchmaking.Core.Profiles;

/// <summary>Per-field validation messages, keyed by the field's JSON path (e.g. <c>sessions[1].end</c>).</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public int Count => _errors.Count;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(message);
    }

    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}

/// <summary>Limits on what one profile or event may hold; documented in the README.</summary>
public static class ProfileLimits
{
    public const int MaxLongText = 4000;
    public const int MaxShortText = 200;
    public const int MaxListItems = 50;
    public const int MaxImportRows = 10_000;
    public const int MaxSlots = 200;
    public const int MaxTables = 10_000;
    public const int MaxMeetings = 100;
}
