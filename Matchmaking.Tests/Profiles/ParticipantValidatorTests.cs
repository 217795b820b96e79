using Matchmaking.Core.Profiles;

namespace Matchmaking.Tests.Profiles;

public sealed class ParticipantValidatorTests
{
    private static readonly ParticipantBounds Bounds = new(SlotCount: 10, Tables: 5);

    private static ParticipantInput Input(string? role = "tech-provider", string? offers = "Sensors", string? needs = null, string? email = null) =>
        new(null, "Org", null, email, role, null, null, null, offers, needs, null, null, null, null, null);

    [TestCase("tech-provider", ParticipantRole.TechProvider)]
    [TestCase("Traditional-SME", ParticipantRole.TraditionalSme)]
    [TestCase(" expert ", ParticipantRole.Expert)]
    [TestCase("other", ParticipantRole.Other)]
    public void RolesAreReadInKebabCase(string role, ParticipantRole expected)
    {
        var errors = new ValidationErrors();

        Assert.That(ParticipantValidator.Validate(Input(role), Bounds, errors)!.Role, Is.EqualTo(expected));
    }

    [Test]
    public void NeedsAloneAreEnough()
    {
        var errors = new ValidationErrors();

        Assert.That(ParticipantValidator.Validate(Input(offers: null, needs: "A need"), Bounds, errors), Is.Not.Null);
    }

    [Test]
    public void BlankOffersAndNeedsAreRejected()
    {
        var errors = new ValidationErrors();

        Assert.That(ParticipantValidator.Validate(Input(offers: "  ", needs: ""), Bounds, errors), Is.Null);
        Assert.That(errors.ToDictionary().Keys, Does.Contain("needs"));
    }

    [TestCase("ana@farm.example", true)]
    [TestCase("Ana Ruiz <ana@farm.example>", false)]
    [TestCase("ana@localhost", false)]
    [TestCase("ana", false)]
    public void EmailsMustBePlainAddresses(string email, bool valid)
    {
        var errors = new ValidationErrors();

        ParticipantValidator.Validate(Input(email: email), Bounds, errors);

        Assert.That(errors.IsEmpty, Is.EqualTo(valid));
    }

    [Test]
    public void ErrorsArePrefixedForImportRows()
    {
        var errors = new ValidationErrors();

        ParticipantValidator.Validate(Input(role: null), Bounds, errors, "line 7.");

        Assert.That(errors.ToDictionary().Keys, Is.EqualTo(new[] { "line 7.role" }));
    }

    [Test]
    public void AtTheLimitIsAcceptedAndOneMoreIsNot()
    {
        var atLimit = new ValidationErrors();
        var overLimit = new ValidationErrors();

        ParticipantValidator.Validate(Input(offers: new string('a', ProfileLimits.MaxLongText)), Bounds, atLimit);
        ParticipantValidator.Validate(Input(offers: new string('a', ProfileLimits.MaxLongText + 1)), Bounds, overLimit);

        Assert.That(atLimit.IsEmpty, Is.True);
        Assert.That(overLimit.ToDictionary().Keys, Does.Contain("offers"));
    }
}
