using Matchmaking.Benchmarks;

return args.FirstOrDefault() switch
{
    "import" => await ImportBenchmark.RunAsync(args[1..]),
    "train-model" => await TrainModelCommand.RunAsync(args[1..]),
    "quality" => await QualityBenchmark.RunAsync(args[1..]),
    "speed" => await SpeedBenchmark.RunAsync(args[1..]),
    "b2bsp" => B2bspBenchmark.Run(args[1..]),
    "scale" => await ScaleBenchmark.RunAsync(args[1..]),
    "formats" => await FormatsBenchmark.RunAsync(args[1..]),
    "selection" => SelectionBenchmark.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Matchmaking benchmarks (run with -c Release):
          import [--participants N]   parse, validate and store N participants from CSV (default 10000), then re-import them
          train-model [--out FILE]    train the pair-scoring model from data/training (default data/models/scoring.zip)
          quality [--set DIR]         recall@1, recall@5 and MRR of suggestions vs baselines (default data/evaluation)
          speed [--vectors N] [--participants N]
                                      embedder vs bare ONNX Runtime, all-pairs top-10 vs faiss, suggestion latency, memory
          b2bsp FILE.dzn... [--out DIR] [--seconds S] [--runs N]
                                      schedule B2B meeting scheduling instances; holes vs best-known (default 1.8 s each,
                                      one run; N runs use seeds 1..N and print the range)
          scale [--seconds S]         plan a generated 2,000-participant event end to end (default slot search 10 s)
          formats [--seconds S]       a generated 300-participant hackathon's teams and 50 expert-visit plans, end to end
                                      (default team solver budget 10 s)
          selection [--seconds S]     general-graph selection (CP-SAT) vs the exact flow on bipartite instances (default 2 s)
        """);
    return 2;
}
