using System.Security.Claims;
using System.Text;
using Matchmaking.Api.Events;
using Matchmaking.Api.Infrastructure;
using Matchmaking.Core.Agendas;
using Matchmaking.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matchmaking.Api.Agendas;

/// <summary>
/// Agendas from a schedule version: the latest published one, or <c>?version=</c> for any (a draft too, for staff to
/// check before publishing). Per participant (JSON, CSV, iCalendar, HTML), per table, and the whole event.
/// </summary>
public static class AgendasApi
{
    private static readonly AgendaFormat[] ParticipantFormats = [AgendaFormat.Json, AgendaFormat.Csv, AgendaFormat.Ics, AgendaFormat.Html];
    private static readonly AgendaFormat[] EventFormats = [AgendaFormat.Html, AgendaFormat.Csv];
    private static readonly AgendaFormat[] TableFormats = [AgendaFormat.Json, AgendaFormat.Csv, AgendaFormat.Html];

    private const string Csv = "text/csv; charset=utf-8";
    private const string Calendar = "text/calendar; charset=utf-8";
    private const string Html = "text/html; charset=utf-8";

    public static IEndpointRouteBuilder MapAgendas(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/events/{eventId:long}").WithTags("Agendas").ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/participants/{participantId:long}/agenda", GetParticipantAgenda).WithName(nameof(GetParticipantAgenda))
            .WithSummary("A participant's meetings from the latest published schedule (or ?version=): JSON, CSV, iCalendar or printable HTML, by Accept or ?format=")
            .ProducesText("text/csv", "text/calendar", "text/html")
            .ProducesProblems(400, 404, 406);
        group.MapGet("/agendas", GetEventAgendas).WithName(nameof(GetEventAgendas))
            .WithSummary("Every participant's agenda, one printed page each (HTML, the default), or all meetings as CSV")
            .ProducesText("text/html", "text/csv")
            .ProducesProblems(400, 404, 406);
        group.MapGet("/tables/{table:int}/agenda", GetTableAgenda).WithName(nameof(GetTableAgenda))
            .WithSummary("The sheet for one table: who sits there when (JSON, CSV or printable HTML)")
            .ProducesText("text/csv", "text/html")
            .ProducesProblems(400, 404, 406);
        return routes;
    }

    public static async Task<Results<Ok<ParticipantAgendaResponse>, FileContentHttpResult, ContentHttpResult, ValidationProblem, ProblemHttpResult>> GetParticipantAgenda(
        long eventId, long participantId, HttpRequest request, ClaimsPrincipal user, EventStore events, ParticipantStore participants, ScheduleStore schedules,
        ExpertVisitStore visits, CancellationToken cancellationToken, int? version = null, string? format = null)
    {
        if (AgendaFormats.Invalid(format, ParticipantFormats) is { } invalid)
        {
            return invalid;
        }
        if (AgendaFormats.Choose(request, format, ParticipantFormats) is not { } chosen)
        {
            return AgendaFormats.NotAcceptable(ParticipantFormats);
        }
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is not { } stored)
        {
            return EventsApi.EventNotFound(eventId);
        }
        if (await participants.GetAsync(eventId, participantId, cancellationToken) is null)
        {
            return ParticipantNotFound(eventId, participantId);
        }
        var visitList = await visits.ListVisitsAsync(eventId, cancellationToken);
        if (await FindScheduleAsync(eventId, version, schedules, cancellationToken, visitList, stored) is not { } schedule)
        {
            return ScheduleNotFound(eventId, version);
        }
        var agenda = EventAgenda.Build(eventId, stored.Spec, schedule, await participants.ListAllAsync(eventId, cancellationToken), visitList);
        if (agenda.For(participantId) is not { } mine)
        {
            return ParticipantNotFound(eventId, participantId);
        }
        var name = $"agenda-{eventId}-{participantId}-v{agenda.Version}";
        return chosen switch
        {
            AgendaFormat.Csv => TypedResults.File(AgendaCsv.Participant(mine), Csv, $"{name}.csv"),
            AgendaFormat.Ics => TypedResults.File(Encoding.UTF8.GetBytes(AgendaCalendar.Write(agenda, mine)), Calendar, $"{name}.ics"),
            AgendaFormat.Html => TypedResults.Text(AgendaHtml.Participant(agenda, mine), Html),
            _ => TypedResults.Ok(mine.ToResponse(agenda)),
        };
    }

    public static async Task<Results<FileContentHttpResult, ContentHttpResult, ValidationProblem, ProblemHttpResult>> GetEventAgendas(
        long eventId, HttpRequest request, ClaimsPrincipal user, EventStore events, ParticipantStore participants, ScheduleStore schedules,
        ExpertVisitStore visits, CancellationToken cancellationToken, int? version = null, string? format = null)
    {
        if (AgendaFormats.Invalid(format, EventFormats) is { } invalid)
        {
            return invalid;
        }
        if (AgendaFormats.Choose(request, format, EventFormats) is not { } chosen)
        {
            return AgendaFormats.NotAcceptable(EventFormats);
        }
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is not { } stored)
        {
            return EventsApi.EventNotFound(eventId);
        }
        var visitList = await visits.ListVisitsAsync(eventId, cancellationToken);
        if (await FindScheduleAsync(eventId, version, schedules, cancellationToken, visitList, stored) is not { } schedule)
        {
            return ScheduleNotFound(eventId, version);
        }
        var agenda = EventAgenda.Build(eventId, stored.Spec, schedule, await participants.ListAllAsync(eventId, cancellationToken), visitList);
        return chosen == AgendaFormat.Csv
            ? TypedResults.File(AgendaCsv.Meetings(agenda.Meetings), Csv, $"agendas-{eventId}-v{agenda.Version}.csv")
            : TypedResults.Text(AgendaHtml.Event(agenda), Html);
    }

    public static async Task<Results<Ok<TableAgendaResponse>, FileContentHttpResult, ContentHttpResult, ValidationProblem, ProblemHttpResult>> GetTableAgenda(
        long eventId, int table, HttpRequest request, ClaimsPrincipal user, EventStore events, ParticipantStore participants, ScheduleStore schedules,
        CancellationToken cancellationToken, int? version = null, string? format = null)
    {
        if (AgendaFormats.Invalid(format, TableFormats) is { } invalid)
        {
            return invalid;
        }
        if (AgendaFormats.Choose(request, format, TableFormats) is not { } chosen)
        {
            return AgendaFormats.NotAcceptable(TableFormats);
        }
        if (await events.GetAsync(user.Tenant(), eventId, cancellationToken) is not { } stored)
        {
            return EventsApi.EventNotFound(eventId);
        }
        if (table < 1 || table > stored.Spec.Tables)
        {
            return Problems.NotFound($"Event {eventId} has tables 1 to {stored.Spec.Tables}; there is no table {table}.");
        }
        if (await FindScheduleAsync(eventId, version, schedules, cancellationToken) is not { } schedule)
        {
            return ScheduleNotFound(eventId, version);
        }
        var agenda = EventAgenda.Build(eventId, stored.Spec, schedule, await participants.ListAllAsync(eventId, cancellationToken));
        return chosen switch
        {
            AgendaFormat.Csv => TypedResults.File(AgendaCsv.Meetings(agenda.AtTable(table)), Csv, $"table-{table}-{eventId}-v{agenda.Version}.csv"),
            AgendaFormat.Html => TypedResults.Text(AgendaHtml.Table(agenda, table), Html),
            _ => TypedResults.Ok(agenda.ToTableResponse(table)),
        };
    }

    /// <summary>An event with expert visits but no published schedule has an agenda of its visits alone (version 0).</summary>
    private static async Task<StoredSchedule?> FindScheduleAsync(long eventId, int? version, ScheduleStore schedules, CancellationToken cancellationToken,
        IReadOnlyList<StoredVisit>? visits = null, StoredEvent? stored = null) =>
        version switch
        {
            null => await schedules.GetPublishedAsync(eventId, cancellationToken)
                ?? (visits is { Count: > 0 } && stored is not null ? EventAgenda.NoSchedule(eventId, stored.UpdatedAt) : null),
            < 1 => null,
            _ => await schedules.GetAsync(eventId, version, cancellationToken),
        };

    private static ProblemHttpResult ParticipantNotFound(long eventId, long participantId) =>
        Problems.NotFound($"Event {eventId} has no participant {participantId}.");

    private static ProblemHttpResult ScheduleNotFound(long eventId, int? version) => Problems.NotFound(version is null
        ? $"Event {eventId} has no published schedule yet: publish a version, or ask for one with ?version=."
        : $"Event {eventId} has no schedule version {version}.");
}
