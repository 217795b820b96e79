using Matchmaking.Core.Profiles;
using Matchmaking.Core.Storage;

namespace Matchmaking.Api.Participants;

public sealed record ParticipantResponse(
    long Id,
    long EventId,
    string? ExternalId,
    string Organization,
    string? ContactName,
    string? Email,
    string Role,
    string? Sector,
    string? Country,
    IReadOnlyList<string> Languages,
    string? Offers,
    string? Needs,
    string? Description,
    IReadOnlyList<string> Tags,
    IReadOnlyList<int> UnavailableSlots,
    int? MaxMeetings,
    int? HostTable,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record ParticipantPage(IReadOnlyList<ParticipantResponse> Items, int Total, int Page, int PageSize);

/// <summary>What an import did: counts, and per row the participant's id and whether it was created or updated.</summary>
public sealed record ImportResponse(int Created, int Updated, IReadOnlyList<ImportedItem> Items, Jobs.JobResponse? Job = null);

public sealed record ImportedItem(long Id, string? ExternalId, string? Email, string Status);

public static class ParticipantMapping
{
    public static ParticipantResponse ToResponse(this StoredParticipant stored)
    {
        var p = stored.Profile;
        return new ParticipantResponse(
            stored.Id, stored.EventId, p.ExternalId, p.Organization, p.ContactName, p.Email, p.Role.ToWire(), p.Sector, p.Country,
            p.Languages, p.Offers, p.Needs, p.Description, p.Tags, p.UnavailableSlots, p.MaxMeetings, p.HostTable,
            stored.CreatedAt, stored.UpdatedAt);
    }

    public static ImportResponse ToResponse(this IReadOnlyList<ImportedParticipant> imported) => new(
        imported.Count(i => i.Created),
        imported.Count(i => !i.Created),
        imported.Select(i => new ImportedItem(i.Id, i.ExternalId, i.Email, i.Created ? "created" : "updated")).ToList());
}
