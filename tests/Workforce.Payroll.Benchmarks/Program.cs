using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Runs in process (no child project build) on one thread; pass BenchmarkDotNet options after --,
// e.g. `-- --filter *Typical*` or `-- --job short` for a quick look.
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithAffinity(1))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(Workforce.Payroll.Benchmarks.PayslipBenchmarks).Assembly).Run(args, config);
