using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workforce.Data;
using Workforce.Domain.Organisation;
using Workforce.Domain.Workers;

namespace Workforce.Application.Workers;

/// <summary>
/// What the worker list and the picker filter, sort and count by, for one request: the caller's scope, the list's filters as
/// values (dates already turned into bounds), the search text (part of a name or of a community's name) and the sort column.
/// </summary>
/// <param name="ScopePath">The officer's unit path (every worker shown lies under it).</param>
/// <param name="UnitPath">Only under this unit (already checked to lie in scope), or null.</param>
/// <param name="Status">Employment status on <paramref name="Today"/>.</param>
/// <param name="Post">Current post.</param>
/// <param name="Grade">Current grade.</param>
/// <param name="Education">Education.</param>
/// <param name="PoliticalStatus">Political status.</param>
/// <param name="BornOnOrBefore">Birth date bound (minimum age).</param>
/// <param name="BornAfter">Birth date bound (maximum age).</param>
/// <param name="HiredOnOrBefore">Hire date bound (minimum service).</param>
/// <param name="HiredAfter">Hire date bound (maximum service).</param>
/// <param name="Text">Part of the name or of the community's name (ordinal, as the database's contains).</param>
/// <param name="Sort">Sort column, descending with '-'; by name when unknown.</param>
/// <param name="Today">The business day.</param>
public sealed record DirectoryQuery(
    string ScopePath, string? UnitPath, EmploymentFilter Status, Post? Post, int? Grade, Education? Education, PoliticalStatus? PoliticalStatus,
    LocalDate? BornOnOrBefore, LocalDate? BornAfter, LocalDate? HiredOnOrBefore, LocalDate? HiredAfter, string? Text, string? Sort, LocalDate Today);

/// <summary>
/// The registry's list columns of every worker, kept in memory as compact arrays in name order, so the worker list, its count, any
/// page of it and the picker's look-up cost a pass over arrays (or a cached answer) instead of a scan, a count and an OFFSET walk of
/// the database on every request. It is rebuilt when the database's registry <see cref="DataStamp"/> has moved, which every save of a
/// worker, post assignment or unit raises in its own transaction, so a change made on any node is seen by the next request on every
/// node (ADR 0016). Personal data is not held: the page's rows are read (and decrypted) from the database by id.
/// </summary>
public sealed class WorkerDirectory(IServiceScopeFactory scopes)
{
    private readonly Lock _gate = new();
    private Snapshot? _current;
    private Task<Snapshot>? _building;

    /// <summary>Snapshot builds so far (for tests and the benchmark's notes).</summary>
    public int Builds { get; private set; }

    /// <summary>The snapshot at least as new as the registry stamp <paramref name="db"/> reads now; one build at a time, shared by waiting requests.</summary>
    public async Task<Snapshot> CurrentAsync(WorkforceDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stamp = await db.StampAsync(DataStamp.Registry, ct);
        while (true)
        {
            Task<Snapshot> build;
            lock (_gate)
            {
                if (_current is { } current && current.Stamp >= stamp)
                {
                    return current;
                }
                _building ??= BuildAsync();
                build = _building;
            }
            var built = await build.WaitAsync(ct);
            lock (_gate)
            {
                if (_current is null || built.Stamp > _current.Stamp)
                {
                    _current = built;
                }
                if (ReferenceEquals(_building, build))
                {
                    _building = null;
                }
            }
            // A build that started before the caller's stamp moved is older than asked for: build again.
            if (built.Stamp >= stamp)
            {
                return built;
            }
        }
    }

    private async Task<Snapshot> BuildAsync()
    {
        await Task.Yield();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkforceDbContext>();
        // The stamp is read before the rows and no transaction is taken (on SQLite one would hold the write lock): rows changed
        // after the stamp was read are newer than their label, and the stamp those changes raised makes the next request build again.
        var stamp = await db.StampAsync(DataStamp.Registry, CancellationToken.None);
        var units = await db.OrgUnits.AsNoTracking().Select(u => new UnitRow(u.Id, u.Path, u.Name)).ToListAsync(CancellationToken.None);
        var workers = await db.Workers.AsNoTracking()
            .Select(w => new WorkerRow(w.Id, w.Name, w.OrgUnitId, w.LeaveDate, w.CurrentPost, w.CurrentGrade, w.Education, w.PoliticalStatus, w.BirthDate, w.HireDate))
            .ToListAsync(CancellationToken.None);
        lock (_gate)
        {
            Builds++;
        }
        return new Snapshot(stamp, units, workers);
    }

    internal sealed record UnitRow(long Id, string Path, string Name);

    internal sealed record WorkerRow(long Id, string Name, long OrgUnitId, LocalDate? LeaveDate, Post? Post, int? Grade, Education Education,
        PoliticalStatus PoliticalStatus, LocalDate BirthDate, LocalDate HireDate);

    /// <summary>
    /// Order of names: by Unicode code point, which is the byte order of UTF-8 (SQLite's and PostgreSQL's C collation), so the
    /// directory's name order is the order the database gave before it; UTF-16's own order differs only past U+E000.
    /// </summary>
    public static int CompareNames(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            if (a[i] != b[i])
            {
                return CodePointRank(a[i]).CompareTo(CodePointRank(b[i]));
            }
        }
        return a.Length.CompareTo(b.Length);
    }

    // Surrogates (supplementary code points) rank above U+E000–U+FFFF.
    private static int CodePointRank(char c) => c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;

    /// <summary>The registry's list columns at one stamp, in name order, with the answers already computed for it.</summary>
    public sealed class Snapshot
    {
        // Most list positions the answer cache holds (4 bytes each) before it is emptied.
        private const int AnswerBudget = 4_000_000;

        private readonly long[] _ids;
        private readonly string[] _names;
        private readonly int[] _unit;
        private readonly int[] _leave;
        private readonly sbyte[] _post;
        private readonly short[] _grade;
        private readonly byte[] _education;
        private readonly byte[] _political;
        private readonly int[] _birth;
        private readonly int[] _hire;
        private readonly long[] _unitIds;
        private readonly string[] _unitPaths;
        private readonly string[] _unitNames;
        private readonly ConcurrentDictionary<string, int[]> _orders = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, bool[]> _subtrees = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, int[]> _answers = new(StringComparer.Ordinal);
        private int _answerSize;

        internal Snapshot(long stamp, List<UnitRow> units, List<WorkerRow> workers)
        {
            Stamp = stamp;
            _unitIds = [.. units.Select(u => u.Id)];
            _unitPaths = [.. units.Select(u => u.Path)];
            _unitNames = [.. units.Select(u => u.Name)];
            var unitIndex = new Dictionary<long, int>(units.Count);
            for (var i = 0; i < units.Count; i++)
            {
                unitIndex[units[i].Id] = i;
            }
            workers.Sort((a, b) => CompareNames(a.Name, b.Name) is var c && c != 0 ? c : a.Id.CompareTo(b.Id));
            var n = workers.Count;
            _ids = new long[n];
            _names = new string[n];
            _unit = new int[n];
            _leave = new int[n];
            _post = new sbyte[n];
            _grade = new short[n];
            _education = new byte[n];
            _political = new byte[n];
            _birth = new int[n];
            _hire = new int[n];
            for (var i = 0; i < n; i++)
            {
                var w = workers[i];
                _ids[i] = w.Id;
                _names[i] = w.Name;
                _unit[i] = unitIndex.GetValueOrDefault(w.OrgUnitId, -1);
                _leave[i] = w.LeaveDate is { } leave ? Day(leave) : int.MaxValue;
                _post[i] = w.Post is { } post ? (sbyte)post : (sbyte)-1;
                _grade[i] = w.Grade is { } grade ? (short)grade : (short)-1;
                _education[i] = (byte)w.Education;
                _political[i] = (byte)w.PoliticalStatus;
                _birth[i] = Day(w.BirthDate);
                _hire[i] = Day(w.HireDate);
            }
        }

        /// <summary>The registry stamp the snapshot was read at.</summary>
        public long Stamp { get; }

        /// <summary>Workers held (every worker of the database).</summary>
        public int Count => _ids.Length;

        /// <summary>
        /// The workers <paramref name="query"/> selects, in its order: how many, and the ids at positions
        /// [<paramref name="skip"/>, <paramref name="skip"/> + <paramref name="take"/>).
        /// </summary>
        public (int Total, IReadOnlyList<long> Ids) Page(DirectoryQuery query, int skip, int take)
        {
            ArgumentNullException.ThrowIfNull(query);
            var matches = Matches(query);
            var from = Math.Clamp(skip, 0, matches.Length);
            var count = Math.Clamp(take, 0, matches.Length - from);
            var ids = new long[count];
            for (var i = 0; i < count; i++)
            {
                ids[i] = _ids[matches[from + i]];
            }
            return (matches.Length, ids);
        }

        private int[] Matches(DirectoryQuery q)
        {
            var key = string.Join('\u001f', q.ScopePath, q.UnitPath, q.Status, q.Post, q.Grade, q.Education, q.PoliticalStatus, q.BornOnOrBefore, q.BornAfter,
                q.HiredOnOrBefore, q.HiredAfter, q.Text, q.Sort, q.Today);
            if (_answers.TryGetValue(key, out var cached))
            {
                return cached;
            }
            var answer = Compute(q);
            if (Interlocked.Add(ref _answerSize, answer.Length + 16) > AnswerBudget)
            {
                _answers.Clear();
                Interlocked.Exchange(ref _answerSize, answer.Length + 16);
            }
            _answers[key] = answer;
            return answer;
        }

        private int[] Compute(DirectoryQuery q)
        {
            var units = Subtree(q.ScopePath);
            if (q.UnitPath is { } unitPath)
            {
                var under = Subtree(unitPath);
                units = [.. units.Select((inScope, i) => inScope && under[i])];
            }
            var text = string.IsNullOrEmpty(q.Text) ? null : q.Text;
            var unitNameMatches = text is null ? null : _unitNames.Select(name => name.Contains(text, StringComparison.Ordinal)).ToArray();
            var today = Day(q.Today);
            var post = q.Post is { } p ? (sbyte)p : (sbyte)-2;
            var grade = q.Grade is { } g ? (short)g : (short)-2;
            var education = q.Education is { } e ? (int)e : -1;
            var political = q.PoliticalStatus is { } ps ? (int)ps : -1;
            var bornTo = q.BornOnOrBefore is { } b1 ? Day(b1) : int.MaxValue;
            var bornFrom = q.BornAfter is { } b2 ? Day(b2) : int.MinValue;
            var hiredTo = q.HiredOnOrBefore is { } h1 ? Day(h1) : int.MaxValue;
            var hiredFrom = q.HiredAfter is { } h2 ? Day(h2) : int.MinValue;
            var order = Order(q.Sort);
            var found = new List<int>();
            foreach (var i in order)
            {
                var unit = _unit[i];
                if (unit < 0 || !units[unit])
                {
                    continue;
                }
                var left = _leave[i] < today;
                if ((q.Status == EmploymentFilter.Active && left) || (q.Status == EmploymentFilter.Left && !left)
                    || (post != -2 && _post[i] != post) || (grade != -2 && _grade[i] != grade)
                    || (education >= 0 && _education[i] != education) || (political >= 0 && _political[i] != political)
                    || _birth[i] > bornTo || _birth[i] <= bornFrom || _hire[i] > hiredTo || _hire[i] <= hiredFrom)
                {
                    continue;
                }
                if (text is not null && !unitNameMatches![unit] && !_names[i].Contains(text, StringComparison.Ordinal))
                {
                    continue;
                }
                found.Add(i);
            }
            return [.. found];
        }

        // Units whose path starts with the path (the scope's or a filter's subtree).
        private bool[] Subtree(string path) =>
            _subtrees.GetOrAdd(path, p => [.. _unitPaths.Select(unitPath => unitPath.StartsWith(p, StringComparison.Ordinal))]);

        // Positions in the order of a sort column (then name and id, as the list always breaks ties); name order is the array's own.
        private int[] Order(string? sort)
        {
            var descending = sort?.StartsWith('-') == true;
            var column = sort?.TrimStart('-');
            var byColumn = column is null ? null : ColumnComparison(column);
            if (byColumn is null)
            {
                (column, descending) = ("name", false);
            }
            return _orders.GetOrAdd((descending ? "-" : "") + column, _ =>
            {
                var positions = Enumerable.Range(0, _ids.Length).ToArray();
                if (column == "name" && !descending)
                {
                    return positions;
                }
                // Ties by name and id ascending: the array's own position.
                Array.Sort(positions, (a, b) => (descending ? byColumn!(b, a) : byColumn!(a, b)) is var c && c != 0 ? c : a.CompareTo(b));
                return positions;
            });
        }

        // The list's sortable columns (WorkerFilter.Sort); null for any other name.
        private Comparison<int>? ColumnComparison(string column) => column switch
        {
            "name" => (a, b) => CompareNames(_names[a], _names[b]),
            "community" => (a, b) => CompareNames(UnitName(a), UnitName(b)),
            "post" => (a, b) => _post[a].CompareTo(_post[b]),
            "grade" => (a, b) => _grade[a].CompareTo(_grade[b]),
            "hireDate" => (a, b) => _hire[a].CompareTo(_hire[b]),
            "birthDate" => (a, b) => _birth[a].CompareTo(_birth[b]),
            "education" => (a, b) => _education[a].CompareTo(_education[b]),
            _ => null,
        };

        private string? UnitName(int position) => _unit[position] is var u && u >= 0 ? _unitNames[u] : null;

        /// <summary>The path of a unit held by the snapshot, or null.</summary>
        public string? PathOf(long unitId)
        {
            var i = Array.IndexOf(_unitIds, unitId);
            return i < 0 ? null : _unitPaths[i];
        }
    }

    private static int Day(LocalDate date) => date.ToDateOnly().DayNumber;
}
