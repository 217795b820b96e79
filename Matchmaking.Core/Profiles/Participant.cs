namespace Matchmaking.Core.Profiles;

/// <summary>A validated participant profile.</summary>
public sealed record ParticipantProfile(
    string? ExternalId,
    string Organization,
    string? ContactName,
    string? Email,
    ParticipantRole Role,
    string? Sector,
    string? Country,
    IReadOnlyList<string> Languages,
    string? Offers,
    string? Needs,
    string? Description,
    IReadOnlyList<string> Tags,
    IReadOnlyList<int> UnavailableSlots,
    int? MaxMeetings,
    int? HostTable);

/// <summary>A participant as callers send it (JSON body, JSON import item or CSV row).</summary>
public sealed record ParticipantInput(
    string? ExternalId,
    string? Organization,
    string? ContactName,
    string? Email,
    string? Role,
    string? Sector,
    string? Country,
    IReadOnlyList<string?>? Languages,
    string? Offers,
    string? Needs,
    string? Description,
    IReadOnlyList<string?>? Tags,
    IReadOnlyList<int>? UnavailableSlots,
    int? MaxMeetings,
    int? HostTable);

/// <summary>What a participant's fields are checked against: the event's slots and tables.</summary>
public sealed record ParticipantBounds(int SlotCount, int Tables);

/// <summary>Checks a <see cref="ParticipantInput"/> and turns it into a <see cref="ParticipantProfile"/>.</summary>
public static class ParticipantValidator
{
    /// <summary>Validates one participant; <paramref name="prefix"/> (e.g. <c>[12].</c>) is put before field names.</summary>
    public static ParticipantProfile? Validate(ParticipantInput input, ParticipantBounds bounds, ValidationErrors errors, string prefix = "")
    {
        var before = errors.Count;
        var externalId = Text.Optional(input.ExternalId, prefix + "externalId", ProfileLimits.MaxShortText, errors);
        var organization = Text.Required(input.Organization, prefix + "organization", ProfileLimits.MaxShortText, errors);
        var contactName = Text.Optional(input.ContactName, prefix + "contactName", ProfileLimits.MaxShortText, errors);
        var email = Email(input.Email, prefix + "email", errors);
        var sector = Text.Optional(input.Sector, prefix + "sector", ProfileLimits.MaxShortText, errors);
        var offers = Text.Optional(input.Offers, prefix + "offers", ProfileLimits.MaxLongText, errors);
        var needs = Text.Optional(input.Needs, prefix + "needs", ProfileLimits.MaxLongText, errors);
        var description = Text.Optional(input.Description, prefix + "description", ProfileLimits.MaxLongText, errors);

        ParticipantRole role = default;
        if (string.IsNullOrWhiteSpace(input.Role))
        {
            errors.Add(prefix + "role", $"Required: one of {string.Join(", ", WireNames.All<ParticipantRole>())}.");
        }
        else if (!WireNames.TryParse(input.Role, out role))
        {
            errors.Add(prefix + "role", $"'{input.Role}' is not one of {string.Join(", ", WireNames.All<ParticipantRole>())}.");
        }

        if (string.IsNullOrWhiteSpace(input.Offers) && string.IsNullOrWhiteSpace(input.Needs))
        {
            errors.Add(prefix + "needs", "Give offers, needs or both: matching works from them.");
        }

        string? country = null;
        if (!string.IsNullOrWhiteSpace(input.Country))
        {
            country = input.Country.Trim().ToUpperInvariant();
            if (!IsoCodes.IsCountry(country))
            {
                errors.Add(prefix + "country", $"'{input.Country}' is not an ISO 3166-1 alpha-2 country code (e.g. ES).");
            }
        }

        var languages = Codes(input.Languages, prefix + "languages", errors);
        var tags = Tags(input.Tags, prefix + "tags", errors);
        var slots = Slots(input.UnavailableSlots, prefix + "unavailableSlots", bounds.SlotCount, errors);

        if (input.MaxMeetings is < 0 or > ProfileLimits.MaxMeetings)
        {
            errors.Add(prefix + "maxMeetings", $"Must be from 0 to {ProfileLimits.MaxMeetings}.");
        }
        if (input.HostTable is { } table && (table < 1 || table > bounds.Tables))
        {
            errors.Add(prefix + "hostTable", $"The event has tables 1 to {bounds.Tables}.");
        }

        return errors.Count > before
            ? null
            : new ParticipantProfile(externalId, organization!, contactName, email, role, sector, country, languages,
                offers, needs, description, tags, slots, input.MaxMeetings, input.HostTable);
    }

    private static string? Email(string? value, string field, ValidationErrors errors)
    {
        var email = Text.Optional(value, field, ProfileLimits.MaxShortText, errors);
        if (email is null)
        {
            return null;
        }
        if (!System.Net.Mail.MailAddress.TryCreate(email, out var address) || address.Address != email || !address.Host.Contains('.'))
        {
            errors.Add(field, $"'{email}' is not an e-mail address.");
            return null;
        }
        return email;
    }

    private static List<string> Codes(IReadOnlyList<string?>? values, string field, ValidationErrors errors)
    {
        var codes = new List<string>();
        foreach (var value in values ?? [])
        {
            var code = value?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(code))
            {
                continue;
            }
            if (!IsoCodes.IsLanguage(code))
            {
                errors.Add(field, $"'{value}' is not an ISO 639-1 language code (e.g. en).");
            }
            else if (!codes.Contains(code))
            {
                codes.Add(code);
            }
        }
        if (codes.Count > ProfileLimits.MaxListItems)
        {
            errors.Add(field, $"At most {ProfileLimits.MaxListItems} languages.");
        }
        return codes;
    }

    private static List<string> Tags(IReadOnlyList<string?>? values, string field, ValidationErrors errors)
    {
        var tags = new List<string>();
        foreach (var value in values ?? [])
        {
            var tag = value?.Trim();
            if (string.IsNullOrEmpty(tag))
            {
                continue;
            }
            if (tag.Length > ProfileLimits.MaxShortText)
            {
                errors.Add(field, $"Each tag has at most {ProfileLimits.MaxShortText} characters.");
            }
            else if (!tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
            {
                tags.Add(tag);
            }
        }
        if (tags.Count > ProfileLimits.MaxListItems)
        {
            errors.Add(field, $"At most {ProfileLimits.MaxListItems} tags.");
        }
        return tags;
    }

    private static List<int> Slots(IReadOnlyList<int>? values, string field, int slotCount, ValidationErrors errors)
    {
        var slots = new SortedSet<int>();
        foreach (var slot in values ?? [])
        {
            if (slot < 0 || slot >= slotCount)
            {
                errors.Add(field, $"Slot {slot} is outside the event's slots 0 to {slotCount - 1}.");
            }
            else
            {
                slots.Add(slot);
            }
        }
        return [.. slots];
    }
}
