using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Workforce.Application.Common;

/// <summary>
/// Answers worth keeping between requests (a sorted list of ids, totals per unit), kept under a key that names every input they were
/// computed from — including the <see cref="Data.DataStamp"/> values of the rows they read, so a change on any node makes a new key
/// rather than a stale answer (ADR 0016). Computed once per key at a time, in a service scope of their own; bounded in memory by
/// the size each answer declares (about one unit per list position), least recently used first out.
/// </summary>
public sealed class KeptAnswers(IServiceScopeFactory scopes) : IDisposable
{
    /// <summary>Total size held (about 4–8 bytes a unit: 16 million units is at most ≈130 MB).</summary>
    public const long SizeLimit = 16_000_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = SizeLimit });
    private readonly ConcurrentDictionary<object, Lazy<Task<object>>> _building = new();

    /// <summary>Answers computed so far (for tests).</summary>
    public int Computed => _computed;
    private int _computed;

    /// <summary>The kept answer of <paramref name="key"/>, or the one <paramref name="compute"/> makes now (shared by concurrent callers).</summary>
    public async Task<T> GetAsync<T>(object key, Func<IServiceProvider, CancellationToken, Task<T>> compute, Func<T, long> size, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_cache.TryGetValue(key, out T? kept) && kept is not null)
        {
            return kept;
        }
        var build = _building.GetOrAdd(key, k => new Lazy<Task<object>>(() => ComputeAsync(k, compute, size)));
        return (T)await build.Value.WaitAsync(ct);
    }

    private async Task<object> ComputeAsync<T>(object key, Func<IServiceProvider, CancellationToken, Task<T>> compute, Func<T, long> size)
        where T : class
    {
        await Task.Yield();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            // Not the caller's token: other callers may be waiting for the same answer.
            var answer = await compute(scope.ServiceProvider, CancellationToken.None);
            _cache.Set(key, answer, new MemoryCacheEntryOptions { Size = Math.Clamp(size(answer), 1, SizeLimit), SlidingExpiration = TimeSpan.FromMinutes(30) });
            Interlocked.Increment(ref _computed);
            return answer;
        }
        finally
        {
            _building.TryRemove(key, out _);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _cache.Dispose();
}
