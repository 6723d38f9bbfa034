import { NodeFailure, type NodeType } from '../node-type.js';
import { asText, renderTemplate } from './template.js';

interface Option {
  id: string;
  name: string;
  content: string;
}

/**
 * question-answer: asks the caller and pauses the run until an answer comes through the resume API (no expiry).
 * `answerType` 'option' offers `optionAnswer` (the answer is an option id or its name); 'direct' takes free text.
 * Outputs as the original's: `query` (the question asked), `content` (the answer), and for options `id`.
 */
export const questionAnswerNode: NodeType = {
  type: 'question-answer',
  async execute({ node, inputs, answer }) {
    const question = renderTemplate(typeof node.param.question === 'string' ? node.param.question : '', inputs);
    const options = ((node.param.optionAnswer as Option[] | undefined) ?? []).map((option) => ({ id: option.id, name: option.name, content: option.content }));
    const byOption = node.param.answerType === 'option';
    if (answer === undefined) return { outputs: {}, pause: { prompt: { question, answerType: byOption ? 'option' : 'direct', options } } };
    const text = asText(answer).trim();
    if (!byOption) return { outputs: { query: question, content: text } };
    const chosen = options.find((option) => option.id === text || option.name === text || option.content === text);
    if (chosen === undefined) throw new NodeFailure('answer_not_an_option', `the answer "${text}" is none of the options ${options.map((option) => option.name).join(', ')}`);
    return { outputs: { query: question, id: chosen.id, content: chosen.content }, branch: chosen.id };
  },
};
