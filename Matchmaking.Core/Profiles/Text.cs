namespace Matchmaking.Core.Profiles;

/// <summary>Trims and length-checks free-text fields.</summary>
internal static class Text
{
    public static string? Required(string? value, string field, int maxLength, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "Required.");
            return null;
        }
        return Optional(value, field, maxLength, errors);
    }

    public static string? Optional(string? value, string field, int maxLength, ValidationErrors errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (text.Length > maxLength)
        {
            errors.Add(field, $"At most {maxLength} characters (got {text.Length}).");
            return null;
        }
        return text;
    }
}
