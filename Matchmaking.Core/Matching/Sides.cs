using Matchmaking.Core.Profiles;

namespace Matchmaking.Core.Matching;

/// <summary>Who may meet whom, and which of two participants is the one whose needs are in focus.</summary>
public static class Sides
{
    /// <summary>
    /// With cross-side rules, tech providers and experts meet traditional SMEs, and <c>other</c> participants (agencies,
    /// banks) meet either side but not each other. Without them anyone meets anyone but themselves.
    /// </summary>
    public static bool CanMeet(ParticipantRole a, ParticipantRole b, bool crossSideOnly)
    {
        if (!crossSideOnly)
        {
            return true;
        }
        if (a == ParticipantRole.Other || b == ParticipantRole.Other)
        {
            return a != b;
        }
        return IsTechSide(a) != IsTechSide(b);
    }

    public static bool IsTechSide(ParticipantRole role) => role is ParticipantRole.TechProvider or ParticipantRole.Expert;

    /// <summary>True when <paramref name="a"/> is the seeker of the pair (SMEs first, then others, experts, tech providers).</summary>
    public static bool IsSeeker(ParticipantRole a, ParticipantRole b) => Rank(a) <= Rank(b);

    private static int Rank(ParticipantRole role) => role switch
    {
        ParticipantRole.TraditionalSme => 0,
        ParticipantRole.Other => 1,
        ParticipantRole.Expert => 2,
        _ => 3,
    };
}
