namespace Matchmaking.Core.Profiles;

/// <summary>The kind of event an organiser runs.</summary>
public enum EventFormat
{
    Matchmaking,
    ExpertVisits,
    Hackathon,
}

/// <summary>Which side of the matchmaking a participant is on.</summary>
public enum ParticipantRole
{
    TechProvider,
    TraditionalSme,
    Expert,
    Other,
}
