using Matchmaking.Benchmarks;

return args.FirstOrDefault() switch
{
    "import" => await ImportBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Matchmaking benchmarks (run with -c Release):
          import [--participants N]   parse, validate and store N participants from CSV (default 10000), then re-import them
        """);
    return 2;
}
