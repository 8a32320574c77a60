import{$ as e,G as t,J as n,K as r,P as i,Q as a,St as o,U as s,W as c,Y as l,_ as u,_t as d,at as f,cn as p,ct as m,et as h,f as g,h as _,it as v,j as ee,m as y,mt as b,nt as x,ot as S,q as C,r as w,s as T,vt as E,yt as D}from"./index-DrVj00Uy.js";import{n as O,t as k}from"./inputtext-B1vPE8DE.js";import{t as A}from"./tag-Qrpir_gm.js";import{t as j}from"./ErrorNotice-t12XJoz3.js";import{t as M}from"./RelativeTime-CHSVaBYA.js";import{i as N,r as P}from"./severity-DPACUH5r.js";import{t as F}from"./time-CBilSP1v.js";import{t as I}from"./EmptyState-CyR9raBz.js";var L=i.extend({name:`textarea`,style:`
    .p-textarea {
        font-family: inherit;
        font-feature-settings: inherit;
        font-size: 1rem;
        color: dt('textarea.color');
        background: dt('textarea.background');
        padding-block: dt('textarea.padding.y');
        padding-inline: dt('textarea.padding.x');
        border: 1px solid dt('textarea.border.color');
        transition:
            background dt('textarea.transition.duration'),
            color dt('textarea.transition.duration'),
            border-color dt('textarea.transition.duration'),
            outline-color dt('textarea.transition.duration'),
            box-shadow dt('textarea.transition.duration');
        appearance: none;
        border-radius: dt('textarea.border.radius');
        outline-color: transparent;
        box-shadow: dt('textarea.shadow');
    }

    .p-textarea:enabled:hover {
        border-color: dt('textarea.hover.border.color');
    }

    .p-textarea:enabled:focus {
        border-color: dt('textarea.focus.border.color');
        box-shadow: dt('textarea.focus.ring.shadow');
        outline: dt('textarea.focus.ring.width') dt('textarea.focus.ring.style') dt('textarea.focus.ring.color');
        outline-offset: dt('textarea.focus.ring.offset');
    }

    .p-textarea.p-invalid {
        border-color: dt('textarea.invalid.border.color');
    }

    .p-textarea.p-variant-filled {
        background: dt('textarea.filled.background');
    }

    .p-textarea.p-variant-filled:enabled:hover {
        background: dt('textarea.filled.hover.background');
    }

    .p-textarea.p-variant-filled:enabled:focus {
        background: dt('textarea.filled.focus.background');
    }

    .p-textarea:disabled {
        opacity: 1;
        background: dt('textarea.disabled.background');
        color: dt('textarea.disabled.color');
    }

    .p-textarea::placeholder {
        color: dt('textarea.placeholder.color');
    }

    .p-textarea.p-invalid::placeholder {
        color: dt('textarea.invalid.placeholder.color');
    }

    .p-textarea-fluid {
        width: 100%;
    }

    .p-textarea-resizable {
        overflow: hidden;
        resize: none;
    }

    .p-textarea-sm {
        font-size: dt('textarea.sm.font.size');
        padding-block: dt('textarea.sm.padding.y');
        padding-inline: dt('textarea.sm.padding.x');
    }

    .p-textarea-lg {
        font-size: dt('textarea.lg.font.size');
        padding-block: dt('textarea.lg.padding.y');
        padding-inline: dt('textarea.lg.padding.x');
    }
`,classes:{root:function(e){var t=e.instance,n=e.props;return[`p-textarea p-component`,{"p-filled":t.$filled,"p-textarea-resizable ":n.autoResize,"p-textarea-sm p-inputfield-sm":n.size===`small`,"p-textarea-lg p-inputfield-lg":n.size===`large`,"p-invalid":t.$invalid,"p-variant-filled":t.$variant===`filled`,"p-textarea-fluid":t.$fluid}]}}}),R={name:`BaseTextarea`,extends:O,props:{autoResize:Boolean},style:L,provide:function(){return{$pcTextarea:this,$parentInstance:this}}};function z(e){"@babel/helpers - typeof";return z=typeof Symbol==`function`&&typeof Symbol.iterator==`symbol`?function(e){return typeof e}:function(e){return e&&typeof Symbol==`function`&&e.constructor===Symbol&&e!==Symbol.prototype?`symbol`:typeof e},z(e)}function B(e,t,n){return(t=V(t))in e?Object.defineProperty(e,t,{value:n,enumerable:!0,configurable:!0,writable:!0}):e[t]=n,e}function V(e){var t=H(e,`string`);return z(t)==`symbol`?t:t+``}function H(e,t){if(z(e)!=`object`||!e)return e;var n=e[Symbol.toPrimitive];if(n!==void 0){var r=n.call(e,t);if(z(r)!=`object`)return r;throw TypeError(`@@toPrimitive must return a primitive value.`)}return(t===`string`?String:Number)(e)}var U={name:`Textarea`,extends:R,inheritAttrs:!1,observer:null,mounted:function(){var e=this;this.autoResize&&(this.observer=new ResizeObserver(function(){requestAnimationFrame(function(){e.resize()})}),this.observer.observe(this.$el))},updated:function(){this.autoResize&&this.resize()},beforeUnmount:function(){this.observer&&this.observer.disconnect()},methods:{resize:function(){if(this.$el.offsetParent){var e=this.$el.style.height,t=parseInt(e)||0,n=this.$el.scrollHeight;t&&n<t?(this.$el.style.height=`auto`,this.$el.style.height=`${this.$el.scrollHeight}px`):(!t||n>t)&&(this.$el.style.height=`${n}px`)}},onInput:function(e){this.autoResize&&this.resize(),this.writeValue(e.target.value,e)}},computed:{attrs:function(){return x(this.ptmi(`root`,{context:{filled:this.$filled,disabled:this.disabled}}),this.formField)},dataP:function(){return p(B({invalid:this.$invalid,fluid:this.$fluid,filled:this.$variant===`filled`},this.size,this.size))}}},W=[`value`,`name`,`disabled`,`aria-invalid`,`data-p`];U.render=function(e,t,n,r,i,a){return f(),l(`textarea`,x({class:e.cx(`root`),value:e.d_value,name:e.name,disabled:e.disabled,"aria-invalid":e.invalid||void 0,"data-p":a.dataP,onInput:t[0]||=function(){return a.onInput&&a.onInput.apply(a,arguments)}},a.attrs),null,16,W)};var G={key:1,class:`timeline`},K={class:`body`},q={class:`head`},J={key:1,class:`muted`},Y={key:0,class:`said`},X={key:1},Z={key:2,class:`error`},Q={key:3,class:`recommendations`},te={key:4,class:`facts muted`},ne={key:5},re={class:`mono`},ie=y(h({__name:`IncidentTimeline`,props:{entries:{}},setup(t){let i={alert:`pi pi-bell`,state:`pi pi-arrow-right-arrow-left`,comment:`pi pi-comment`,assignment:`pi pi-user-edit`,run:`pi pi-sitemap`,health_check:`pi pi-heart`,analysis_stage:`pi pi-lightbulb`,analysis:`pi pi-lightbulb`,notify_stage:`pi pi-send`,delivery:`pi pi-send`};function s(e){return typeof e==`string`?e:``}function u(e){return Array.isArray(e.recommendations)?e.recommendations:[]}function d(e){return[`channel`,`attempts`,`duration_ms`,`check`,`target`,`provider`,`lane`].filter(t=>e[t]!==void 0&&e[t]!==null&&e[t]!==``).map(t=>[t.replace(`_`,` `),String(e[t])])}return(p,m)=>t.entries.length?(f(),l(`ol`,G,[(f(!0),l(c,null,S(t.entries,(t,p)=>(f(),l(`li`,{key:`${t.at}-${p}`,class:`entry`},[r(`i`,{class:D(i[t.kind]??`pi pi-circle`),"aria-hidden":`true`},null,2),r(`div`,K,[r(`div`,q,[r(`strong`,null,o(t.title),1),s(t.detail.status)?(f(),C(E(A),{key:0,value:s(t.detail.status),severity:E(N)(s(t.detail.status))},null,8,[`value`,`severity`])):n(``,!0),t.by?(f(),l(`span`,J,`by `+o(t.by),1)):n(``,!0),e(M,{value:t.at,class:`muted`},null,8,[`value`])]),s(t.detail.text)?(f(),l(`p`,Y,o(t.detail.text),1)):n(``,!0),s(t.detail.summary)?(f(),l(`p`,X,o(t.detail.summary),1)):n(``,!0),s(t.detail.error)?(f(),l(`p`,Z,o(t.detail.error),1)):n(``,!0),u(t.detail).length?(f(),l(`ul`,Q,[(f(!0),l(c,null,S(u(t.detail),(e,t)=>(f(),l(`li`,{key:t},[r(`strong`,null,o(e.title),1),a(` `+o(e.detail)+` `,1),(f(!0),l(c,null,S(e.commands??[],e=>(f(),l(`code`,{key:e,class:`mono`},o(e),1))),128))]))),128))])):n(``,!0),d(t.detail).length?(f(),l(`div`,te,[(f(!0),l(c,null,S(d(t.detail),([e,t])=>(f(),l(`span`,{key:e},o(e)+`: `+o(t),1))),128))])):n(``,!0),Object.keys(t.detail).length?(f(),l(`details`,ne,[m[1]||=r(`summary`,{class:`muted`},`details`,-1),r(`pre`,re,o(JSON.stringify(t.detail,null,2)),1)])):n(``,!0)])]))),128))])):(f(),C(I,{key:0,icon:`pi pi-history`,title:`Nothing recorded yet`},{default:b(()=>[...m[0]||=[a(` Alerts, state changes, checks, analysis, deliveries and comments appear here as they happen. `,-1)]]),_:1}))}}),[[`__scopeId`,`data-v-c8822735`]]),ae={class:`page`},oe={class:`page-title`},$={class:`muted`},se={class:`facts`},ce={key:0},le={key:0,class:`toolbar`,role:`group`,"aria-label":`Actions`},ue=y(h({__name:`IncidentPage`,setup(i){let p=_(),h=w(),y=ee(),x=Number(p.params.id),S=d(null),D=d([]),O=d(null),I=d(``),L=d(``),R=d(``),z=t(()=>h.can(`responder`)),B=t(()=>S.value?.status??``);async function V(){try{let[e,t]=await Promise.all([T.get(x),T.timeline(x)]);S.value=e,D.value=t.items,R.value=e.assignee,O.value=null}catch(e){O.value=e instanceof g?e.explanation:String(e)}}async function H(e,t,n){I.value=e;try{await t(),y.add({severity:`success`,summary:n,life:3e3}),await V()}catch(t){let n=t instanceof g?t.explanation:String(t);y.add({severity:`error`,summary:`Could not ${e}`,detail:n,life:8e3})}finally{I.value=``}}let W=e=>H(e,()=>T.act(x,e),`Incident ${e===`close`?`closed`:`${e}d`}`);async function G(){let e=L.value.trim();e&&(await H(`comment`,()=>T.comment(x,e),`Comment added`),L.value=``)}return v(V),(t,i)=>{let d=m(`router-link`);return f(),l(`section`,ae,[e(d,{to:`/incidents`,class:`muted back`},{default:b(()=>[...i[7]||=[r(`i`,{class:`pi pi-arrow-left`,"aria-hidden":`true`},null,-1),a(` Incidents`,-1)]]),_:1}),e(j,{error:O.value},null,8,[`error`]),S.value?(f(),l(c,{key:0},[r(`h1`,oe,[e(E(A),{value:S.value.severity,severity:E(P)(S.value.severity)},null,8,[`value`,`severity`]),r(`span`,null,[r(`span`,$,`#`+o(S.value.id),1),a(` `+o(S.value.title),1)]),e(E(A),{value:S.value.status,severity:E(N)(S.value.status)},null,8,[`value`,`severity`])]),r(`dl`,se,[r(`div`,null,[i[8]||=r(`dt`,null,`Opened`,-1),r(`dd`,null,[e(M,{value:S.value.opened_at},null,8,[`value`]),a(` · `+o(E(F)(S.value.opened_at)),1)])]),r(`div`,null,[i[9]||=r(`dt`,null,`Source`,-1),r(`dd`,null,o(S.value.source||`—`),1)]),r(`div`,null,[i[10]||=r(`dt`,null,`Environment`,-1),r(`dd`,null,o(S.value.environment||`—`),1)]),r(`div`,null,[i[11]||=r(`dt`,null,`Acknowledged`,-1),r(`dd`,null,[a(o(S.value.acknowledged_by||`—`)+` `,1),S.value.acknowledged_at?(f(),C(M,{key:0,value:S.value.acknowledged_at},null,8,[`value`])):n(``,!0)])]),r(`div`,null,[i[12]||=r(`dt`,null,`Assignee`,-1),r(`dd`,null,o(S.value.assignee||`nobody`),1)]),S.value.resolution_note?(f(),l(`div`,ce,[i[13]||=r(`dt`,null,`Resolution`,-1),r(`dd`,null,o(S.value.resolution_note),1)])):n(``,!0)]),z.value?(f(),l(`div`,le,[e(E(u),{label:`Acknowledge`,icon:`pi pi-check`,disabled:B.value!==`open`,loading:I.value===`acknowledge`,onClick:i[0]||=e=>W(`acknowledge`)},null,8,[`disabled`,`loading`]),e(E(u),{label:`Resolve`,icon:`pi pi-check-circle`,severity:`success`,disabled:B.value===`resolved`||B.value===`closed`,loading:I.value===`resolve`,onClick:i[1]||=e=>W(`resolve`)},null,8,[`disabled`,`loading`]),e(E(u),{label:`Close`,icon:`pi pi-times-circle`,severity:`secondary`,disabled:B.value===`closed`,loading:I.value===`close`,onClick:i[2]||=e=>W(`close`)},null,8,[`disabled`,`loading`]),e(E(u),{label:`Re-run the pipeline`,icon:`pi pi-refresh`,severity:`secondary`,outlined:``,loading:I.value===`re-run`,onClick:i[3]||=e=>H(`re-run`,()=>E(T).rerun(E(x)),`Pipeline queued again`)},null,8,[`loading`])])):n(``,!0),z.value?(f(),l(`form`,{key:1,class:`toolbar`,onSubmit:i[5]||=s(e=>H(`assign`,()=>E(T).assign(E(x),R.value.trim()),`Assignee saved`),[`prevent`])},[i[14]||=r(`label`,{for:`assignee`},`Assignee`,-1),e(E(k),{id:`assignee`,modelValue:R.value,"onUpdate:modelValue":i[4]||=e=>R.value=e,placeholder:`username`},null,8,[`modelValue`]),e(E(u),{type:`submit`,label:`Assign`,severity:`secondary`,outlined:``,loading:I.value===`assign`},null,8,[`loading`])],32)):n(``,!0),i[16]||=r(`h2`,null,`Timeline`,-1),e(ie,{entries:D.value},null,8,[`entries`]),z.value?(f(),l(`form`,{key:2,class:`comment`,onSubmit:s(G,[`prevent`])},[i[15]||=r(`label`,{for:`comment`},`Comment`,-1),e(E(U),{id:`comment`,modelValue:L.value,"onUpdate:modelValue":i[6]||=e=>L.value=e,rows:`3`,"auto-resize":``,placeholder:`What did you find, what did you do?`},null,8,[`modelValue`]),e(E(u),{type:`submit`,label:`Add comment`,icon:`pi pi-comment`,loading:I.value===`comment`,disabled:!L.value.trim()},null,8,[`loading`,`disabled`])],32)):n(``,!0)],64)):n(``,!0)])}}}),[[`__scopeId`,`data-v-f1e6a3eb`]]);export{ue as default};