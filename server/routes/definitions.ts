/**
 * Definitions: the deployed SOPs (with whether the person may start each and its start form), the
 * roles their lanes name, deploying and checking a diagram, each SOP's versions and XML, and the
 * official SOP document (Permenpan RB 35/2012) of a deployed version or of a diagram not yet deployed.
 */
import type express from 'express';
import type { RequestHandler, Response } from 'express';
import { knownRoles } from '../../src/auth/knownRoles.ts';
import { mayStart } from '../../src/auth/sopAccess.ts';
import { startForm } from '../../src/runtime/definition.ts';
import { definitionHistory, definitionXml } from '../../src/store/definitionHistory.ts';
import type { DurableEngine } from '../../src/store/durableEngine.ts';
import { deployedSopDocument, draftSopDocument, type DocumentFormat, type SopDocument } from '../../src/store/sopDocument.ts';
import type { DefinitionSummary, DeployedVersion } from '../../src/runtime/definitionShapes.ts';
import { demand, permit, route, userOf, xmlBodyOf } from '../requestHelpers.ts';
import { queryOf, validQuery } from '../schemas.ts';

/** Sends an SOP document: HTML that runs nothing and loads nothing, or a PDF to save. */
function sendDocument(res: Response, document: SopDocument): void {
  const name = `SOP-${document.processId}${document.version ? `-v${document.version}` : ''}`;
  if (document.format === 'pdf') {
    res.type('application/pdf').set('Content-Disposition', `attachment; filename="${name}.pdf"`).send(document.body);
    return;
  }
  res.type('html').set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
    .set('Content-Disposition', `inline; filename="${name}.html"`).send(document.body);
}

export function definitionRoutes(app: express.Express, engine: DurableEngine, { xml }: { xml: RequestHandler }): void {
  app.get('/api/definitions', route(async (_req, res) => {
    const user = userOf(res);
    await engine.refreshDefinitions();
    res.json(engine.definitions().map((d): DefinitionSummary => {
      const start = startForm(d);
      return { processId: d.processId, version: d.version, name: d.name, hari: d.hari, kodeBuku: d.identity?.kodeBuku, mayStart: mayStart(user, d), ...(start ? { startForm: start } : {}) };
    }));
  }));

  app.get('/api/roles', route(async (_req, res) => {
    userOf(res);
    await engine.refreshDefinitions();
    res.json(await knownRoles(engine));
  }));

  app.post('/api/definitions', permit('deploy'), xml, route(async (req, res) => {
    const document = xmlBodyOf(req, res);
    if (document === undefined) return;
    const deployed = await engine.deployXml(document, { actor: demand(res, 'deploy').id });
    res.status(201).json(deployed.map((d): DeployedVersion => ({ processId: d.processId, version: d.version, ...(d.name !== undefined ? { name: d.name } : {}) })));
  }));

  // Anyone signed in may check a diagram: nothing is deployed.
  app.post('/api/definitions/validate', xml, route(async (req, res) => {
    const document = xmlBodyOf(req, res);
    if (document === undefined) return;
    res.json(await engine.validateXml(document));
  }));

  // The official SOP document (Permenpan RB 35/2012) of a diagram as it is now in the modeler.
  app.post('/api/definitions/document', validQuery('DraftDocument'), xml, route(async (req, res) => {
    userOf(res);
    const document = xmlBodyOf(req, res);
    if (document === undefined) return;
    const { format, process } = queryOf<{ format: DocumentFormat; process?: string }>(res);
    sendDocument(res, await draftSopDocument(engine, document, format, process));
  }));

  app.get('/api/definitions/:processId/document', validQuery('VersionDocument'), route(async (req, res) => {
    userOf(res);
    const { format, version } = queryOf<{ format: DocumentFormat; version?: number }>(res);
    sendDocument(res, await deployedSopDocument(engine, String(req.params.processId), format, version));
  }));

  app.get('/api/definitions/:processId', route(async (req, res) => {
    res.json(await definitionHistory(engine, String(req.params.processId)));
  }));

  app.get('/api/definitions/:processId/xml', validQuery('VersionXml'), route(async (req, res) => {
    const found = await definitionXml(engine, String(req.params.processId), queryOf<{ version?: number }>(res).version);
    res.type('application/xml').set('Protap-Definition-Version', String(found.version)).send(found.xml);
  }));
}
