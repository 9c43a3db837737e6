/** The route files' one wrapper: a rejected promise goes to the problem+json error handler. */
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export const handle = (handler: (req: Request, res: Response) => Promise<void>): RequestHandler =>
  (req: Request, res: Response, next: NextFunction) => { handler(req, res).catch(next); };
