import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { importsOf, routeHandlers, sourceFiles } from './helpers/source-shape.ts';

// The shape issue 7 gave the code, checked on the source so that it stays: app.ts registers the
// modules and nothing imports it back; a route handler is a short pipeline; a view touches no database.

const SRC = path.join(import.meta.dirname, '..', 'src');
const MODULES = path.join(SRC, 'modules');
const relative = (file: string) => path.relative(SRC, file);

function resolved(file: string, specifier: string): string {
  return specifier.startsWith('.') ? path.resolve(path.dirname(file), specifier) : specifier;
}

describe('the shape of the code', () => {
  test('no module imports app.ts: plugins get their dependencies from context.ts', () => {
    const app = path.join(SRC, 'app.ts');
    const importers = [...sourceFiles(MODULES), ...sourceFiles(path.join(SRC, 'http'))].filter((file) =>
      importsOf(file).some(({ specifier }) => resolved(file, specifier) === app),
    );
    assert.deepEqual(importers.map(relative), []);
  });

  test('every route handler is a pipeline of at most 25 lines', () => {
    const handlers = sourceFiles(MODULES).flatMap(routeHandlers);
    assert.ok(handlers.length >= 30, `only ${handlers.length} routes found: the scanner lost them`);
    const long = handlers.filter((handler) => handler.lines > 25);
    assert.deepEqual(
      long.map((h) => `${relative(h.file)}:${h.line} ${h.name} (${h.lines} lines)`),
      [],
    );
  });

  test('views and components import no repository, use case, database or plugin, except their types', () => {
    const views = sourceFiles(MODULES).filter((file) => /\.(views|components)\.ts$/.test(file));
    assert.ok(views.length >= 10, `only ${views.length} view files found`);
    const forbidden = /(\.repository|\.usecases|\.plugin|\/db\/[^/]+)\.ts$/;
    const found = views.flatMap((file) =>
      importsOf(file)
        .filter(({ specifier, typeOnly }) => !typeOnly && forbidden.test(specifier))
        .map(({ specifier }) => `${relative(file)} imports ${specifier}`),
    );
    assert.deepEqual(found, []);
  });

  test('the scanner measures a handler from its function to the end of its registration', () => {
    // journey.plugin.ts's step 2: parse, use case, view — three lines inside the function.
    const step2 = routeHandlers(path.join(MODULES, 'journey', 'journey.plugin.ts')).find((h) =>
      h.name.endsWith("/plage'"),
    );
    assert.equal(step2?.lines, 5);
  });
});
