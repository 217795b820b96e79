using Matchmaking.Api.Agendas;
using Matchmaking.Api.Events;
using Matchmaking.Api.ExpertVisits;
using Matchmaking.Api.Health;
using Matchmaking.Api.Infrastructure;
using Matchmaking.Api.Jobs;
using Matchmaking.Api.Participants;
using Matchmaking.Api.Requests;
using Matchmaking.Api.Schedules;
using Matchmaking.Api.Suggestions;
using Matchmaking.Api.Teams;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddOptions<MatchmakingOptions>().BindConfiguration(MatchmakingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddMatchmakingJson();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddApiKeyAuthentication();
builder.Services.AddMatchmakingStorage();
builder.Services.AddMatchmakingSuggestions();
builder.Services.AddMatchmakingSchedules();
builder.Services.AddMatchmakingExpertVisits();
builder.Services.AddMatchmakingTeams();
builder.Services.AddMatchmakingHealthChecks();
builder.Services.AddMatchmakingOpenApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestBodyLimit();
app.UseSwagger();
app.UseSwaggerUI();
app.UseStaffPage();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealth();
app.MapEvents();
app.MapParticipants();
app.MapRequests();
app.MapSuggestions();
app.MapSchedules();
app.MapJobs();
app.MapAgendas();
app.MapExpertVisits();
app.MapTeams();

await app.InitializeDatabaseAsync();
await app.RunAsync();
