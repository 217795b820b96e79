using Matchmaking.Core.Matching;
using Matchmaking.Core.Profiles;

namespace Matchmaking.Tests.Matching;

public sealed class RequestValidatorTests
{
    private static readonly MeetingRules CrossSide = new(CrossSideOnly: true, null, null);

    private static ParticipantProfile Profile(ParticipantRole role, params int[] unavailable) =>
        new(null, $"Org {role}", null, null, role, null, null, [], "Offers", null, null, [], unavailable, null, null);

    private static (MeetingRequest? Request, IDictionary<string, string[]> Errors) Validate(
        RequestInput input, ParticipantProfile? from, ParticipantProfile? to, MeetingRules? rules = null)
    {
        var errors = new ValidationErrors();
        var request = RequestValidator.Validate(input, new RequestContext(5, SlotCount: 10, rules ?? CrossSide, from, to), errors);
        return (request, errors.ToDictionary());
    }

    [Test]
    public void AValidRequestKeepsItsFieldsAndDefaultsTheSession()
    {
        var (request, errors) = Validate(new RequestInput(1, 2, " Must ", null, 9), Profile(ParticipantRole.TraditionalSme), Profile(ParticipantRole.Expert));

        Assert.That(errors, Is.Empty);
        Assert.That(request, Is.EqualTo(new MeetingRequest(1, 2, RequestStatus.Must, SessionWish.Any, 9)));
    }

    [TestCase(ParticipantRole.TraditionalSme, ParticipantRole.TechProvider, true)]
    [TestCase(ParticipantRole.Expert, ParticipantRole.TraditionalSme, true)]
    [TestCase(ParticipantRole.Other, ParticipantRole.TechProvider, true)]
    [TestCase(ParticipantRole.Other, ParticipantRole.Other, false)]
    [TestCase(ParticipantRole.Expert, ParticipantRole.TechProvider, false)]
    [TestCase(ParticipantRole.TraditionalSme, ParticipantRole.TraditionalSme, false)]
    public void UnderCrossSideOnlyAWantedMeetingFollowsTheSides(ParticipantRole from, ParticipantRole to, bool allowed)
    {
        var (request, errors) = Validate(new RequestInput(1, 2, "requested", null, null), Profile(from), Profile(to));

        Assert.That(request is not null, Is.EqualTo(allowed));
        Assert.That(errors.ContainsKey("toId"), Is.EqualTo(!allowed));
    }

    [Test]
    public void WithoutCrossSideOnlyAnyoneMayBeWished()
    {
        var (request, _) = Validate(new RequestInput(1, 2, "accepted", "afternoon", null),
            Profile(ParticipantRole.Other), Profile(ParticipantRole.Other), new MeetingRules(false, null, null));

        Assert.That(request?.Session, Is.EqualTo(SessionWish.Afternoon));
    }

    [Test]
    public void AFixedSlotIsCheckedAgainstBothParticipants()
    {
        var (request, errors) = Validate(new RequestInput(1, 2, "must", null, 4),
            Profile(ParticipantRole.TraditionalSme, 4), Profile(ParticipantRole.TechProvider, 3, 4));

        Assert.That(request, Is.Null);
        Assert.That(errors["fixedSlot"], Has.Length.EqualTo(2));
        Assert.That(errors["fixedSlot"][1], Does.StartWith("Participant 2 "));
    }

    [Test]
    public void UnknownParticipantsAreNamedWithTheEvent()
    {
        var (_, errors) = Validate(new RequestInput(1, 77, "avoid", null, null), Profile(ParticipantRole.TraditionalSme), null);

        Assert.That(errors["toId"], Is.EqualTo(new[] { "Event 5 has no participant 77." }));
        Assert.That(errors.ContainsKey("fromId"), Is.False);
    }
}
