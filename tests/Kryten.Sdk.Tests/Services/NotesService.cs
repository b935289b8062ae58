using System.Collections.Concurrent;

namespace Kryten.Sdk.Tests.Services;

/// <summary>The tests' implementation of the generated <see cref="INotesService"/>: notes in memory, and who called.</summary>
internal sealed class NotesService : INotesService
{
    private readonly ConcurrentDictionary<string, Note> _notes = new(StringComparer.Ordinal);

    public ConcurrentQueue<KrytenServiceCall> Calls { get; } = new();

    public ValueTask<Note> PutAsync(string key, string text, bool pinned, IReadOnlyList<string>? tags, KrytenServiceCall call, CancellationToken cancellationToken)
    {
        Calls.Enqueue(call);
        var note = new Note { Key = key, Text = text, Pinned = pinned, Tags = tags ?? [] };
        _notes[key] = note;
        return ValueTask.FromResult(note);
    }

    public ValueTask<Note> GetAsync(string key, KrytenServiceCall call, CancellationToken cancellationToken)
    {
        Calls.Enqueue(call);
        return _notes.TryGetValue(key, out var note)
            ? ValueTask.FromResult(note)
            : throw new KrytenServiceException(NotesServiceErrors.RecordNotFound, $"no note '{key}'", key);
    }

    public ValueTask<Note?> FindAsync(string key, KrytenServiceCall call, CancellationToken cancellationToken)
    {
        Calls.Enqueue(call);
        return ValueTask.FromResult(_notes.GetValueOrDefault(key));
    }

    public ValueTask<IReadOnlyList<Note>> ListAsync(int limit, KrytenServiceCall call, CancellationToken cancellationToken)
    {
        Calls.Enqueue(call);
        IReadOnlyList<Note> notes = _notes.Values.OrderByDescending(n => n.Pinned).ThenBy(n => n.Key, StringComparer.Ordinal).Take(limit).ToList();
        return ValueTask.FromResult(notes);
    }

    public ValueTask ClearAsync(KrytenServiceCall call, CancellationToken cancellationToken)
    {
        Calls.Enqueue(call);
        _notes.Clear();
        return ValueTask.CompletedTask;
    }

    public ValueTask ExplodeAsync(KrytenServiceCall call, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("secret internals at C:\\service\\notes.cs line 42");
}
